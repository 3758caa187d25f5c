/**
 * The small SPI between the engine and the bytes of a connection: demand-driven reads,
 * gathering writes with completion callbacks, close. Implemented by the servlet transport and
 * by the client's NIO/TLS transport.
 */
package dev.gannet.websocket.transport;
