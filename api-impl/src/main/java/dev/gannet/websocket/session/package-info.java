/**
 * The {@code jakarta.websocket.Session} implementation: the inbound message assembler (whole,
 * partial, streams, decoders), the single ordered and byte-bounded outbound path shared by the
 * Basic and Async remotes, ping/pong, the idle timer and the close handshake.
 *
 * <p>Entry points for containers: build a {@link dev.gannet.websocket.session.SessionConfig},
 * create a {@link dev.gannet.websocket.session.WsSession}, call {@code start()}; on shutdown call
 * {@code closeForShutdown()}. Limits and their defaults: {@link dev.gannet.websocket.session.SessionSettings}.
 *
 * <p>Threading model:
 * <ul>
 * <li>Frames are parsed and messages delivered on the transport's delivery thread (which may
 *     block); a {@code Reader}/{@code InputStream} handler runs on the executor while that thread
 *     feeds it through a bounded pipe, and the next message waits until the handler returned.</li>
 * <li>All endpoint callbacks of a session (onOpen, handlers, onError, onClose) hold one lock, so
 *     they never overlap; timer and I/O threads hand endpoint work to the executor.</li>
 * <li>Sends from any thread join one outbound queue; whoever queues a frame or completes a write
 *     starts the next gathering write, so no send ever needs the delivery thread and a blocking
 *     send inside {@code onMessage} cannot deadlock. SendHandlers run in order on the executor.</li>
 * <li>One shared daemon timer ({@link dev.gannet.websocket.session.SessionScheduler}) serves idle,
 *     send and close timeouts; tasks are removed when cancelled.</li>
 * </ul>
 */
package dev.gannet.websocket.session;
