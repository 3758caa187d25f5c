package dev.gannet.bench.peer;

import dev.gannet.bench.echo.EchoDeployer;
import dev.gannet.bench.echo.PeerSupport;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

import java.nio.file.Files;

/** Tomcat 11 with its own WebSocket implementation (tomcat-embed-websocket). */
public final class TomcatPeer {

    private TomcatPeer() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-peer").toString());
        Connector connector = new Connector();
        connector.setProperty("address", "127.0.0.1");
        connector.setPort(PeerSupport.port(args));
        // Tomcat accepts at most 8192 connections by default; the idle scenario opens 10,000.
        connector.setProperty("maxConnections", "20000");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        // Tomcat runs filters only for requests mapped to some servlet; a real web app has the
        // default servlet from the global web.xml, an embedded context must add it.
        Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
        context.addServletMappingDecoded("/", "default");
        context.addServletContainerInitializer(new WsSci(), null);
        context.addApplicationListener(EchoDeployer.class.getName());
        tomcat.start();
        PeerSupport.ready("tomcat", connector.getLocalPort());
        tomcat.getServer().await();
    }
}
