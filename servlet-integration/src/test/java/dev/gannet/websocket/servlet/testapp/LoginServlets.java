package dev.gannet.websocket.servlet.testapp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;

/**
 * A minimal form of authenticated state for the tests, built on the HTTP session the way an
 * application's own login would be: /login?user=NAME stores the user in a new HTTP session,
 * /logout invalidates it, and {@link Authenticated} presents the stored user as the request's
 * principal (role "admin" for the user "root").
 */
public final class LoginServlets {

    static final String USER = "test.user";

    private LoginServlets() {
    }

    /** Logs in. */
    @WebServlet("/login")
    public static class Login extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getSession(true).setAttribute(USER, req.getParameter("user"));
            resp.getWriter().print("ok");
        }
    }

    /** Logs out. */
    @WebServlet("/logout")
    public static class Logout extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            HttpSession session = req.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            resp.getWriter().print("bye");
        }
    }

    /** Runs before Gannet's filter (declared filters precede the SCI's). */
    @WebFilter("/*")
    public static class Authenticated extends HttpFilter {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            HttpSession session = req.getSession(false);
            String user = session == null ? null : (String) session.getAttribute(USER);
            if (user == null) {
                chain.doFilter(req, resp);
                return;
            }
            Principal principal = () -> user;
            chain.doFilter(new HttpServletRequestWrapper(req) {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return "admin".equals(role) && "root".equals(user);
                }
            }, resp);
        }
    }
}
