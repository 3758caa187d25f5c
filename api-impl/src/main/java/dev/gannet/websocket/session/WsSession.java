package dev.gannet.websocket.session;

import dev.gannet.websocket.coding.DecoderSet;
import dev.gannet.websocket.coding.EncoderSet;
import dev.gannet.websocket.protocol.ClosePayload;
import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.FrameParser;
import dev.gannet.websocket.protocol.MessageInflater;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Session} of one WebSocket connection, server or client side, created by a container
 * after a successful handshake from a {@link SessionConfig} and started with {@link #start()}.
 *
 * <p>Threading: endpoint callbacks of one session never run concurrently (one callback lock);
 * messages are delivered on the transport's delivery thread, streamed messages on the executor
 * while the delivery thread feeds them; sends from any thread go through one ordered, bounded
 * outbound queue that is drained by write completions, never by the delivery thread, so a
 * blocking send inside {@code onMessage} cannot deadlock. {@code onClose} runs exactly once,
 * after which the session releases its coders, deflate state and timers and calls the close
 * listener.
 */
public final class WsSession implements Session {

    private static final System.Logger LOG = System.getLogger(WsSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    private static final String ID_PREFIX = Long.toHexString(System.nanoTime() & 0xFFFFFF);

    private static final VarHandle STARTED;
    private static final VarHandle ID;
    private static final VarHandle BASIC;
    private static final VarHandle ASYNC;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STARTED = lookup.findVarHandle(WsSession.class, "started", boolean.class);
            ID = lookup.findVarHandle(WsSession.class, "id", String.class);
            BASIC = lookup.findVarHandle(WsSession.class, "basic", BasicRemoteImpl.class);
            ASYNC = lookup.findVarHandle(WsSession.class, "async", AsyncRemoteImpl.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SessionConfig config;
    /** The number this JVM gave the session; its id string is made from it when first asked for. */
    private final long serial;
    @SuppressWarnings("unused") // through ID
    private volatile String id;
    private final Transport transport;
    private final Endpoint endpoint;
    private final Map<String, Object> userProperties;
    private final DecoderSet decoders;
    private final EncoderSet encoders;
    private final HandlerRegistry handlers;
    private final OutboundQueue outbound;
    private final MessageSender sender;
    private final InboundAssembler inbound;
    private final FrameParser parser;
    private final TransportEvents events;
    private final IdleTimer idleTimer;
    private final CloseHandshake closeHandshake;
    // The remotes are made when the application first asks for one (an idle session never does).
    @SuppressWarnings("unused") // through BASIC
    private volatile BasicRemoteImpl basic;
    @SuppressWarnings("unused") // through ASYNC
    private volatile AsyncRemoteImpl async;
    private final EndpointCallbacks callbacks;
    @SuppressWarnings("unused") // through STARTED
    private volatile boolean started;
    private final SessionTeardown teardown;
    /** Parsed from the configuration's text when first asked for (idle sessions keep only the text). */
    private volatile URI requestUri;
    private volatile int maxTextMessageBufferSize;
    private volatile int maxBinaryMessageBufferSize;

    /**
     * Creates the session; nothing is read or called before {@link #start()}.
     *
     * @throws IllegalArgumentException when a configured encoder or decoder cannot be created
     */
    public WsSession(SessionConfig config) {
        this.config = config;
        this.callbacks = new EndpointCallbacks(this, config.endpoint, config.executor);
        this.id = config.id;
        this.serial = config.id != null ? 0 : IDS.incrementAndGet();
        this.transport = config.transport;
        this.endpoint = config.endpoint;
        this.userProperties = config.userProperties != null ? config.userProperties
                : Collections.synchronizedMap(new HashMap<>(config.endpointConfig.getUserProperties()));
        SessionSettings settings = config.settings;
        this.maxTextMessageBufferSize = settings.maxTextMessageBufferSize();
        this.maxBinaryMessageBufferSize = settings.maxBinaryMessageBufferSize();
        this.decoders = DecoderSet.create(config.endpointConfig);
        try {
            this.encoders = EncoderSet.create(config.endpointConfig);
        } catch (RuntimeException e) {
            decoders.destroy();
            throw e;
        }
        this.handlers = new HandlerRegistry(decoders);
        FrameWriter writer = new FrameWriter(config.role == Role.CLIENT,
                config.deflate.map(p -> p.deflater(config.role)).orElse(null), 32);
        this.closeHandshake = new CloseHandshake(this, settings.closeTimeoutMs());
        this.events = new TransportEvents(this);
        this.outbound = new OutboundQueue(transport, writer, events, settings.outboundQueueBytes(),
                callbacks);
        this.sender = new MessageSender(this, outbound, settings.sendTimeoutMs());
        MessageInflater inflater = config.deflate.map(p -> p.inflater(config.role, 0)).orElse(null);
        this.inbound = new InboundAssembler(this, inflater);
        this.parser = new FrameParser(config.role, inbound);
        this.parser.allowRsv1(config.deflate.isPresent());
        this.idleTimer = new IdleTimer(this, settings.maxIdleTimeoutMs());
        this.teardown = new SessionTeardown(this);
    }

    /**
     * Calls {@code Endpoint.onOpen}, then starts reading. Call once, on any thread; the idle
     * timeout starts now.
     */
    public void start() {
        if (!STARTED.compareAndSet(this, false, true)) {
            throw new IllegalStateException("Session " + getId() + " was already started");
        }
        transport.setListener(events);
        idleTimer.setTimeout(idleTimer.timeoutMs()); // arms the timer (the value may have been changed before start)
        invoke(() -> endpoint.onOpen(this, config.endpointConfig));
        if (closeHandshake.keepReading()) {
            transport.demand();
        }
    }

    /**
     * Container shutdown: closes the session with 1001 "Going away" on the wire; {@code onClose}
     * gets 1006 (a close initiated by the local container, spec §2.1.5) with that reason.
     */
    public void closeForShutdown() {
        closeHandshake.closeLocally(CloseCodes.GOING_AWAY, "Going away",
                new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "Going away: the container is shutting down"));
    }

    /** The endpoint instance of this session. */
    public Endpoint getEndpoint() {
        return endpoint;
    }

    /** The endpoint configuration of this session. */
    public EndpointConfig getEndpointConfig() {
        return config.endpointConfig;
    }

    // ---------------------------------------------------------------- Session API

    @Override
    public WebSocketContainer getContainer() {
        checkNotClosed();
        return config.container;
    }

    @Override
    public void addMessageHandler(MessageHandler handler) throws IllegalStateException {
        checkNotClosed();
        handlers.add(handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        checkNotClosed();
        handlers.add(clazz, handler, false);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        checkNotClosed();
        handlers.add(clazz, handler, true);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        checkNotClosed();
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        checkNotClosed();
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        checkNotClosed();
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        checkNotClosed();
        return config.subprotocol;
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        checkNotClosed();
        return config.extensions;
    }

    @Override
    public boolean isSecure() {
        checkNotClosed();
        return transport.isSecure();
    }

    /**
     * True until {@code onClose} has completed. The underlying connection stays open during the
     * close handshake, and {@code Endpoint.onClose} runs "immediately prior to the session being
     * closed": so code that closes a session and then waits for {@code isOpen()} to turn false
     * also sees {@code onClose} done. Sending is refused as soon as the close has started.
     */
    @Override
    public boolean isOpen() {
        return !teardown.closedForApplications();
    }

    @Override
    public long getMaxIdleTimeout() {
        checkNotClosed();
        return idleTimer.timeoutMs();
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        checkNotClosed();
        if (closeHandshake.isOpen()) {
            idleTimer.setTimeout(milliseconds);
        }
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        checkNotClosed();
        if (length <= 0) {
            throw new IllegalArgumentException("The max binary message buffer size must be > 0, got " + length);
        }
        maxBinaryMessageBufferSize = length;
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        checkNotClosed();
        return maxBinaryMessageBufferSize;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        checkNotClosed();
        if (length <= 0) {
            throw new IllegalArgumentException("The max text message buffer size must be > 0, got " + length);
        }
        maxTextMessageBufferSize = length;
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        checkNotClosed();
        return maxTextMessageBufferSize;
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        checkNotClosed();
        AsyncRemoteImpl a = async;
        if (a == null) {
            AsyncRemoteImpl made = new AsyncRemoteImpl(this, sender);
            AsyncRemoteImpl won = (AsyncRemoteImpl) ASYNC.compareAndExchange(this, (AsyncRemoteImpl) null, made);
            a = won != null ? won : made;
        }
        return a;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        checkNotClosed();
        BasicRemoteImpl b = basic;
        if (b == null) {
            BasicRemoteImpl made = new BasicRemoteImpl(this, sender);
            BasicRemoteImpl won = (BasicRemoteImpl) BASIC.compareAndExchange(this, (BasicRemoteImpl) null, made);
            b = won != null ? won : made;
        }
        return b;
    }

    @Override
    public String getId() {
        String s = id;
        if (s == null) {
            // Made once: a racing caller's equal string loses, so every caller sees the same object.
            String made = ID_PREFIX + "-" + Long.toHexString(serial);
            String won = (String) ID.compareAndExchange(this, (String) null, made);
            s = won != null ? won : made;
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    /**
     * Sends a close frame with the given code and reason (a code that may not be sent, such as
     * 1006, sends an empty close frame) and returns; {@code onClose} runs with this reason when
     * the peer answered or the close timeout passed.
     */
    @Override
    public void close(CloseReason closeReason) throws IOException {
        CloseReason reason = closeReason != null ? closeReason
                : new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "");
        closeHandshake.closeLocally(reason.getCloseCode().getCode(), reason.getReasonPhrase(), reason);
    }

    @Override
    public URI getRequestURI() {
        checkNotClosed();
        URI uri = requestUri;
        if (uri == null && config.requestUri != null) {
            uri = URI.create(config.requestUri); // equal to the URI the session was built with
            requestUri = uri;
        }
        return uri;
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        checkNotClosed();
        return Collections.unmodifiableMap(config.parameterMap);
    }

    @Override
    public String getQueryString() {
        checkNotClosed();
        return config.queryString;
    }

    @Override
    public Map<String, String> getPathParameters() {
        checkNotClosed();
        return Collections.unmodifiableMap(config.pathParameters);
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public Principal getUserPrincipal() {
        checkNotClosed();
        return config.userPrincipal;
    }

    @Override
    public Set<Session> getOpenSessions() {
        checkNotClosed();
        if (config.openSessions != null) {
            return Collections.unmodifiableSet(config.openSessions.get());
        }
        return isOpen() ? Set.of(this) : Set.of();
    }

    @Override
    public String toString() {
        return "WsSession[" + getId() + ", " + config.role + ", " + (isOpen() ? "open" : "closed") + "]";
    }

    /**
     * The Session javadoc: once the session is closed (its onClose has completed), calling its
     * methods other than close, isOpen, getId and getUserProperties throws IllegalStateException.
     * During onClose they still work, so endpoints can read what they need there.
     */
    private void checkNotClosed() {
        if (teardown.closedForApplications()) {
            throw new IllegalStateException("Session " + getId() + " is closed");
        }
    }

    // ---------------------------------------------------------------- engine internals

    int maxTextBuffer() {
        return maxTextMessageBufferSize;
    }

    int maxBinaryBuffer() {
        return maxBinaryMessageBufferSize;
    }

    SessionSettings settings() {
        return config.settings;
    }

    Executor executor() {
        return config.executor;
    }

    HandlerRegistry handlers() {
        return handlers;
    }

    DecoderSet decoders() {
        return decoders;
    }

    EncoderSet encoders() {
        return encoders;
    }

    OutboundQueue outbound() {
        return outbound;
    }

    Transport transport() {
        return transport;
    }

    MessageSender sender() {
        return sender;
    }

    InboundAssembler inbound() {
        return inbound;
    }

    Consumer<WsSession> closeListener() {
        return config.closeListener;
    }

    /** Runs endpoint code with the session's callbacks serialised; a throw goes to {@code onError}. */
    void invoke(Runnable callback) {
        callbacks.invoke(callback);
    }

    /** Calls {@code Endpoint.onError}; what it throws is logged, never propagated. */
    void deliverError(Throwable error) {
        callbacks.deliverError(error);
    }

    void callSendHandler(SendHandler handler, SendResult result) {
        callbacks.callSendHandler(handler, result);
    }

    void replyPong(ByteBuffer pingPayload) {
        if (!closeHandshake.isOpen()) {
            return;
        }
        outbound.enqueueControl(new OutFrame(OpCode.PONG, true, MessageSender.copyControlPayload(pingPayload),
                null, null));
    }

    void onPeerClose(ClosePayload payload) {
        closeHandshake.onPeerClose(payload);
    }

    void touchActivity() {
        idleTimer.touch();
    }

    FrameParser parser() {
        return parser;
    }

    CloseHandshake closeHandshake() {
        return closeHandshake;
    }

    void stopIdleTimer() {
        idleTimer.stop();
    }

    void abortInboundStream(IOException reason) {
        inbound.abortStream(reason);
    }

    /** A send timed out half written: the connection is unusable (runs onClose on the executor). */
    void failOnSendTimeout(IOException timeout) {
        runOnExecutor(() -> closeHandshake.onConnectionLost(timeout));
    }

    /**
     * A fragmented message's producer stalled for the send timeout while data waited behind it
     * (see {@link MessageSender}): close with 1011; the unfinished message and the data behind it
     * are dropped, their sends fail.
     */
    void failStalledPartial(long timeoutMs) {
        String why = "A partial message was not finished within the send timeout of " + timeoutMs + " ms";
        LOG.log(Level.WARNING, "Session " + getId() + ": " + why + "; closing with 1011");
        // Off the caller's thread (the shared timer for async sends): the close may write and fail sends.
        runOnExecutor(() -> closeHandshake.closeLocally(CloseCodes.INTERNAL_ERROR, why,
                new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, why)));
    }

    void runOnExecutor(Runnable task) {
        callbacks.runOnExecutor(task);
    }

    /** The idle timer fired (on the shared timer thread): the close runs on the executor. */
    void idleTimeoutExpired() {
        runOnExecutor(this::onIdleTimeout);
    }

    private void onIdleTimeout() {
        long ms = idleTimer.timeoutMs();
        closeHandshake.closeLocally(CloseCodes.GOING_AWAY, "Idle timeout",
                new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY,
                        "Idle timeout: no message for " + ms + " ms"));
    }

    /**
     * The transport's own idle limit ended reading (a servlet container's connection idle
     * timeout): the same close as our idle timeout (1001 on the wire, 1006 with an "Idle timeout"
     * reason to {@code onClose}, no {@code onError}), except that the peer's answer can no longer
     * be read, so the connection closes once our close frame is written.
     */
    void transportIdleTimeout(Throwable cause) {
        closeHandshake.closeWithoutInput(CloseCodes.GOING_AWAY, "Idle timeout",
                new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, CloseHandshake.truncate(
                        "Idle timeout: the container's connection idle timeout expired ("
                        + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()) + ")")));
    }

    /** Closes ({@code abort == false}: after pending writes) or aborts the transport, once. */
    void closeTransport(boolean abort) {
        teardown.closeTransport(abort);
    }

    /** Runs {@code onClose} once, on this thread. */
    void notifyClosed(CloseReason reason) {
        teardown.notifyClosed(reason);
    }

    /**
     * The timer tasks this session has pending on the shared timer: idle timeout, close timeout,
     * async send timeouts (diagnostics and tests; 0 once the session ended).
     */
    int pendingTimers() {
        return (idleTimer.isArmed() ? 1 : 0) + (closeHandshake.isTimerArmed() ? 1 : 0)
                + (sender.deadlineCheckArmed() ? 1 : 0);
    }

    /**
     * The per-session buffers and queues that are created on first use, by name, of those that
     * exist now (diagnostics and tests: a session that has only been opened holds none of them,
     * which is most of what keeps an idle connection small).
     */
    List<String> lazyPartsHeld() {
        List<String> held = new ArrayList<>();
        if (outbound.writerHeaderSlots() > 0) {
            held.add("frame header slots");
        }
        if (outbound.hasScheduleQueues()) {
            held.add("outbound frame queues");
        }
        if (outbound.hasSpareList()) {
            held.add("write batch list");
        }
        if (sender.hasDeadlineQueue()) {
            held.add("async send deadline queue");
        }
        if (callbacks.hasSendHandlerRunner()) {
            held.add("SendHandler runner");
        }
        if (inbound.hasDeferredPongQueue()) {
            held.add("deferred pong queue");
        }
        if (parser.hasControlBuffer()) {
            held.add("control frame buffer");
        }
        return held;
    }

    /** Payload bytes queued for writing and not yet written (diagnostics and tests). */
    long queuedOutboundBytes() {
        return outbound.queuedBytes();
    }
}
