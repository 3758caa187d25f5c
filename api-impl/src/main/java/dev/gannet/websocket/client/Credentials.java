package dev.gannet.websocket.client;

import java.util.Map;

/** A user name and password from the user properties; {@code null} when none are configured. */
record Credentials(String username, String password) {

    static Credentials of(Map<String, Object> props, String userKey, String passwordKey) {
        String user = ClientProperties.stringValue(props, userKey);
        if (user == null) {
            return null;
        }
        String pw = ClientProperties.stringValue(props, passwordKey);
        return new Credentials(user, pw == null ? "" : pw);
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]"; // never the password
    }
}
