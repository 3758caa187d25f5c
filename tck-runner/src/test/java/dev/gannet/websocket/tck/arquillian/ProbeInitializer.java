package dev.gannet.websocket.tck.arquillian;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A container-class-path initializer standing in for Gannet's: it receives the {@link Probed} classes
 * the container found in the application, serves their names at {@code /probe}, and fails the
 * deployment when one of them asks it to. Registered in the test class path's
 * {@code META-INF/services}, so it runs for every web application the adapters deploy.
 */
@HandlesTypes(Probed.class)
public final class ProbeInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Set<String> names = new TreeSet<>();
        if (classes != null) {
            for (Class<?> type : classes) {
                Probed probed = type.getAnnotation(Probed.class);
                if (probed != null && probed.rejectDeployment()) {
                    throw new ServletException(type.getName() + " asks for the deployment to fail");
                }
                names.add(type.getName() + " loaded by " + loaderKind(type, context));
            }
        }
        context.addServlet("probe", new ProbeServlet(String.join("\n", names))).addMapping("/probe");
    }

    // The application's own loader must have defined these classes, not the test JVM's class path.
    private static String loaderKind(Class<?> type, ServletContext context) {
        return type.getClassLoader() == context.getClassLoader() ? "webapp" : "other";
    }

    private static final class ProbeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final String body;

        ProbeServlet(String body) {
            this.body = body;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print(body);
        }
    }
}
