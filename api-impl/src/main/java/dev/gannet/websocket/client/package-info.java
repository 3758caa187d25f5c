/**
 * The client container: {@link dev.gannet.websocket.client.GannetContainerProvider} (the
 * {@code ContainerProvider} service) and {@link dev.gannet.websocket.client.GannetClientContainer}.
 * Underneath, a non-blocking NIO transport (TLS through {@code SSLEngine}) served by a small fixed
 * set of selector threads, the RFC 6455 §4.1 opening handshake with strict response checks, HTTP
 * proxies through CONNECT, and Basic/Digest authentication to servers and proxies. Every setting
 * a connection reads from its {@code ClientEndpointConfig} user properties is listed, with its
 * default, in {@link dev.gannet.websocket.client.ClientProperties}.
 */
package dev.gannet.websocket.client;
