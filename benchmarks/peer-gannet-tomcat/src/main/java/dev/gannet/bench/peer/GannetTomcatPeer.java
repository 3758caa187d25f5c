package dev.gannet.bench.peer;

import dev.gannet.bench.echo.EchoDeployer;
import dev.gannet.bench.echo.PeerSupport;
import dev.gannet.websocket.servlet.GannetServletContainerInitializer;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import java.nio.file.Files;

/** Gannet on embedded Tomcat 11 (core only), installed through its ServletContainerInitializer. */
public final class GannetTomcatPeer {

    private GannetTomcatPeer() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("gannet-tomcat-peer").toString());
        Connector connector = new Connector();
        connector.setProperty("address", "127.0.0.1");
        connector.setPort(PeerSupport.port(args));
        // Tomcat accepts at most 8192 connections by default; the idle scenario opens 10,000.
        connector.setProperty("maxConnections", "20000");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        // Tomcat runs filters only for requests mapped to a servlet (see TomcatPeer).
        Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
        context.addServletMappingDecoded("/", "default");
        context.addServletContainerInitializer(new GannetServletContainerInitializer(), null);
        context.addApplicationListener(EchoDeployer.class.getName());
        tomcat.start();
        PeerSupport.ready("gannet-tomcat", connector.getLocalPort());
        tomcat.getServer().await();
    }
}
