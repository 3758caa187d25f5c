package dev.gannet.websocket.servlet.testapp;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;

/** Dispatches /manual/{anything} to an endpoint that is not deployed, with upgradeHttpToWebSocket. */
@WebServlet("/manual/*")
public class ManualUpgradeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        ServerContainer container = (ServerContainer) getServletContext()
                .getAttribute("jakarta.websocket.server.ServerContainer");
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(GreetingEndpoint.class, "/manual/{name}").build();
        try {
            container.upgradeHttpToWebSocket(req, resp, config, Map.of("name", req.getPathInfo().substring(1)));
        } catch (DeploymentException e) {
            throw new ServletException(e);
        }
    }
}
