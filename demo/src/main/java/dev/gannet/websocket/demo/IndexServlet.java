package dev.gannet.websocket.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** Serves the chat page at {@code /}; anything else is 404. */
final class IndexServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (!path.equals("/") && !path.isEmpty() && !path.equals("/index.html")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType("text/html;charset=utf-8");
        try (InputStream page = IndexServlet.class.getResourceAsStream("index.html")) {
            page.transferTo(resp.getOutputStream());
        }
    }
}
