package dev.gannet.websocket.servlet.testapp;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/** Adds an endpoint programmatically while the application deploys, as spec §6.4 allows. */
@WebListener
public class EndpointAddingListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute("jakarta.websocket.server.ServerContainer");
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(GreetingEndpoint.class, "/listener/{name}").build());
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
    }
}
