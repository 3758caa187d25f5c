package dev.gannet.websocket.servlet.testapp;

import dev.gannet.websocket.server.GannetServerContainer;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The number of open WebSocket sessions of this application, for leak checks. */
@WebServlet("/stats")
public class StatsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        GannetServerContainer container = (GannetServerContainer) getServletContext()
                .getAttribute("jakarta.websocket.server.ServerContainer");
        resp.getWriter().print(req.getParameter("paths") != null ? container.endpointPaths().toString()
                : String.valueOf(container.openSessionCount()));
    }
}
