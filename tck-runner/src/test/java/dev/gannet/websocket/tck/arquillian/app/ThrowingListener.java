package dev.gannet.websocket.tck.arquillian.app;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Fails the start of the application it is packaged in. */
@WebListener
public final class ThrowingListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        throw new IllegalStateException("this application must not start");
    }
}
