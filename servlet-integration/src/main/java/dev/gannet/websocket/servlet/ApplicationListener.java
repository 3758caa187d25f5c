package dev.gannet.websocket.servlet;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Follows the web application's life: marks the end of deployment, closes the WebSockets of an
 * HTTP session that ends (see {@link HttpSessionSockets}), and at undeploy closes every session
 * with 1001 and stops Gannet's threads, leaving nothing behind.
 */
final class ApplicationListener implements ServletContextListener, HttpSessionListener, HttpSessionIdListener {

    private final WebSocketApplication application;

    ApplicationListener(WebSocketApplication application) {
        this.application = application;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        application.container().deploymentComplete();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        application.shutdown();
        event.getServletContext().removeAttribute(GannetServletContainerInitializer.SERVER_CONTAINER_ATTRIBUTE);
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        application.httpSessions().destroyed(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        application.httpSessions().idChanged(oldSessionId, event.getSession().getId());
    }
}
