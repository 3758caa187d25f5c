package dev.gannet.websocket.tck.arquillian;

import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * What a standalone Tomcat's global web.xml would give each context, minus JSP (Jasper is not on
 * the class path, and {@link Tomcat#initWebappDefaults(Context)} would register its servlet anyway):
 * the default servlet for static files, welcome files and MIME types.
 */
final class TomcatWebappDefaults implements LifecycleListener {

    @Override
    public void lifecycleEvent(LifecycleEvent event) {
        if (!Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
            return;
        }
        Context context = (Context) event.getLifecycle();
        Wrapper defaultServlet = Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
        defaultServlet.setLoadOnStartup(1);
        // An application's own mapping of "/" replaces this one, as with a global web.xml.
        defaultServlet.setOverridable(true);
        context.addServletMappingDecoded("/", "default");
        Tomcat.addDefaultMimeTypeMappings(context);
        context.addWelcomeFile("index.html");
        context.addWelcomeFile("index.htm");
    }
}
