package dev.gannet.websocket.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Registered by Gannet's initializer; applications do not use it. Follows the web application's life: marks the end of deployment, closes the WebSockets of an
 * HTTP session that ends (see {@link HttpSessionSockets}), and at undeploy closes every session
 * with 1001 and stops Gannet's threads, leaving nothing behind.
 */
public final class ApplicationListener implements ServletContextListener, HttpSessionListener, HttpSessionIdListener {

    /** Created by the container (registered by class). */
    public ApplicationListener() {
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        WebSocketApplication application = WebSocketApplication.of(event.getServletContext());
        if (application != null) {
            application.container().deploymentComplete();
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        WebSocketApplication application = WebSocketApplication.of(context);
        if (application != null) {
            application.shutdown();
            context.removeAttribute(WebSocketApplication.ATTRIBUTE);
            context.removeAttribute(GannetServletContainerInitializer.SERVER_CONTAINER_ATTRIBUTE);
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        WebSocketApplication application = WebSocketApplication.of(event.getSession().getServletContext());
        if (application != null) {
            application.httpSessions().destroyed(event.getSession().getId());
        }
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        WebSocketApplication application = WebSocketApplication.of(event.getSession().getServletContext());
        if (application != null) {
            application.httpSessions().idChanged(oldSessionId, event.getSession().getId());
        }
    }
}
