/**
 * The {@code jakarta.websocket.Session} implementation: the inbound message assembler (whole,
 * partial, streams, decoders), the single ordered and byte-bounded outbound path shared by the
 * Basic and Async remotes, ping/pong, the idle timer and the close handshake.
 */
package dev.gannet.websocket.session;
