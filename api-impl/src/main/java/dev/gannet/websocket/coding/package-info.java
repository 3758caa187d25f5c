/**
 * Encoders and decoders: built-in coders for strings, Java primitives and their boxes, byte
 * buffers and byte arrays; user coders instantiated per session with init/destroy; decoder
 * selection by {@code willDecode}; generic type resolution of handler and coder type arguments.
 */
package dev.gannet.websocket.coding;
