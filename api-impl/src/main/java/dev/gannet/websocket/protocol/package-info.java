/**
 * The RFC 6455 wire protocol and RFC 7692 permessage-deflate, on bytes alone: opcodes, frame
 * header parsing and writing, masking, incremental UTF-8 validation, close payloads, handshake
 * keys, the extension header grammar and the deflate codec with its limits. Nothing here imports
 * {@code jakarta.*}, so the package can be tested, fuzzed and benchmarked without a container.
 * Every protocol violation surfaces as a {@link dev.gannet.websocket.protocol.ProtocolException}
 * carrying the close code the RFC prescribes.
 */
package dev.gannet.websocket.protocol;
