package dev.gannet.websocket.servlet;

import dev.gannet.websocket.protocol.HttpTokens;
import dev.gannet.websocket.server.EndpointMatch;
import dev.gannet.websocket.server.HandshakeOutcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises WebSocket opening handshakes ({@code Upgrade: websocket}) and completes those for
 * deployed endpoints; every other request passes through untouched. A handshake for a path with
 * no endpoint gets 404 unless a servlet of the application is mapped there (it may call
 * {@code upgradeHttpToWebSocket} itself), so the container's default servlet never answers a
 * WebSocket client with a page.
 */
final class UpgradeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient WebSocketApplication application;

    UpgradeFilter(WebSocketApplication application) {
        this.application = application;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!wantsWebSocket(request)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<EndpointMatch> match = application.container().match(path);
        if (match.isEmpty()) {
            if (servedByApplicationServlet(request)) {
                chain.doFilter(request, response);
            } else {
                WebSocketApplication.refuse(request, response, HandshakeOutcome.NOT_FOUND,
                        "No WebSocket endpoint is deployed at " + path, Map.of());
            }
            return;
        }
        if (!"HTTP/1.1".equals(request.getProtocol())) {
            WebSocketApplication.refuse(request, response, HandshakeOutcome.BAD_REQUEST,
                    "A WebSocket upgrade needs HTTP/1.1, the request is " + request.getProtocol(), Map.of());
            return;
        }
        HandshakeOutcome outcome = application.container().handshake(match.get(), new ServletUpgradeRequest(request));
        application.respond(request, response, outcome);
    }

    private static boolean wantsWebSocket(HttpServletRequest request) {
        Enumeration<String> upgrade = request.getHeaders("Upgrade");
        while (upgrade.hasMoreElements()) {
            if (HttpTokens.containsToken(upgrade.nextElement(), "websocket")) {
                return true;
            }
        }
        return false;
    }

    private static boolean servedByApplicationServlet(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        return mapping != null && mapping.getMappingMatch() != null && mapping.getMappingMatch() != MappingMatch.DEFAULT;
    }
}
