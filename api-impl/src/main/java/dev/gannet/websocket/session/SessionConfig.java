package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.DeflateParameters;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.Transport;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything a {@link WsSession} is built from, gathered by the server or client container after
 * a successful handshake. Build one with {@link #builder()}; role, transport, endpoint and endpoint
 * config are required, everything else has a default (documented on each builder method).
 */
public final class SessionConfig {

    final Role role;
    final Transport transport;
    final Endpoint endpoint;
    final EndpointConfig endpointConfig;
    final WebSocketContainer container;
    /**
     * The request URI as text: {@code new URI(u.toString()).equals(u)} holds for every URI, and
     * the text alone is a fraction of a parsed URI's memory (its components are strings of
     * their own), so sessions keep this and parse it only when asked.
     */
    final String requestUri;
    final String queryString;
    final Map<String, List<String>> parameterMap;
    final Map<String, String> pathParameters;
    final Principal userPrincipal;
    final String subprotocol;
    final List<Extension> extensions;
    final Optional<DeflateParameters> deflate;
    final SessionSettings settings;
    final Executor executor;
    final Supplier<Set<Session>> openSessions;
    final Consumer<WsSession> closeListener;
    final Map<String, Object> userProperties;
    final String id;

    private SessionConfig(Builder b) {
        this.role = Objects.requireNonNull(b.role, "role");
        this.transport = Objects.requireNonNull(b.transport, "transport");
        this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
        this.endpointConfig = Objects.requireNonNull(b.endpointConfig, "endpointConfig");
        this.container = b.container;
        this.requestUri = b.requestUri == null ? null : b.requestUri.toString();
        this.queryString = b.queryString;
        this.parameterMap = b.parameterMap == null ? Map.of() : b.parameterMap;
        this.pathParameters = b.pathParameters == null ? Map.of() : b.pathParameters;
        this.userPrincipal = b.userPrincipal;
        this.subprotocol = b.subprotocol == null ? "" : b.subprotocol;
        this.extensions = b.extensions == null ? List.of() : List.copyOf(b.extensions);
        this.deflate = b.deflate == null ? Optional.empty() : b.deflate;
        this.settings = b.settings == null ? SessionSettings.defaults() : b.settings;
        this.executor = b.executor == null ? DefaultExecutor.INSTANCE : b.executor;
        this.openSessions = b.openSessions;
        this.closeListener = b.closeListener;
        this.userProperties = b.userProperties;
        this.id = b.id;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link SessionConfig}; not thread-safe. */
    public static final class Builder {
        private Role role;
        private Transport transport;
        private Endpoint endpoint;
        private EndpointConfig endpointConfig;
        private WebSocketContainer container;
        private URI requestUri;
        private String queryString;
        private Map<String, List<String>> parameterMap;
        private Map<String, String> pathParameters;
        private Principal userPrincipal;
        private String subprotocol;
        private List<Extension> extensions;
        private Optional<DeflateParameters> deflate;
        private SessionSettings settings;
        private Executor executor;
        private Supplier<Set<Session>> openSessions;
        private Consumer<WsSession> closeListener;
        private Map<String, Object> userProperties;
        private String id;

        private Builder() {
        }

        /** Required: the side this session is (clients mask what they send). */
        public Builder role(Role role) {
            this.role = role;
            return this;
        }

        /** Required: the connection, after the handshake. The session sets its listener. */
        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        /** Required: the endpoint instance of this session. */
        public Builder endpoint(Endpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Required: the endpoint's configuration (its decoders and encoders are used). */
        public Builder endpointConfig(EndpointConfig endpointConfig) {
            this.endpointConfig = endpointConfig;
            return this;
        }

        /** The container returned by {@code getContainer()}; default {@code null}. */
        public Builder container(WebSocketContainer container) {
            this.container = container;
            return this;
        }

        /** The request URI; default {@code null}. */
        public Builder requestUri(URI requestUri) {
            this.requestUri = requestUri;
            return this;
        }

        /** The raw query string; default {@code null} (none). */
        public Builder queryString(String queryString) {
            this.queryString = queryString;
            return this;
        }

        /** The request parameters; default empty. Exposed unmodifiable. */
        public Builder parameterMap(Map<String, List<String>> parameterMap) {
            this.parameterMap = parameterMap;
            return this;
        }

        /** The path parameters matched by the URI template; default empty. Exposed unmodifiable. */
        public Builder pathParameters(Map<String, String> pathParameters) {
            this.pathParameters = pathParameters;
            return this;
        }

        /** The authenticated user; default {@code null}. */
        public Builder userPrincipal(Principal userPrincipal) {
            this.userPrincipal = userPrincipal;
            return this;
        }

        /** The negotiated subprotocol; default "" (none). */
        public Builder subprotocol(String subprotocol) {
            this.subprotocol = subprotocol;
            return this;
        }

        /** The negotiated extensions; default empty. */
        public Builder extensions(List<Extension> extensions) {
            this.extensions = extensions;
            return this;
        }

        /** The permessage-deflate parameters when it was negotiated; default empty (no compression). */
        public Builder deflate(Optional<DeflateParameters> deflate) {
            this.deflate = deflate;
            return this;
        }

        /** Limits and timeouts; default {@link SessionSettings#defaults()}. */
        public Builder settings(SessionSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Runs stream handlers, SendHandlers and endpoint callbacks triggered by timers; default virtual threads (JDK 21+) or a shared cached daemon pool. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Supplies the open sessions of the same endpoint; default: just this session while open. */
        public Builder openSessions(Supplier<Set<Session>> openSessions) {
            this.openSessions = openSessions;
            return this;
        }

        /** Called once when the session has ended, after {@code onClose}; default none. */
        public Builder closeListener(Consumer<WsSession> closeListener) {
            this.closeListener = closeListener;
            return this;
        }

        /**
         * The session's user properties (used as given, not copied; must accept concurrent use);
         * default a new map holding a shallow copy of the endpoint config's user properties.
         */
        public Builder userProperties(Map<String, Object> userProperties) {
            this.userProperties = userProperties;
            return this;
        }

        /** The session id; default a new id unique in this JVM. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Builds the configuration. */
        public SessionConfig build() {
            return new SessionConfig(this);
        }
    }
}
