package org.fundchain.security;

import java.io.Serializable;
import java.util.List;

/**
 * Who a push connection belongs to, kept in the HTTP session (attribute {@link #SESSION_ATTRIBUTE}) by the sign-in
 * and the page guard, so the WebSocket handshake can authenticate by the session cookie.
 */
public record PushIdentity(String username, String signerId, String organisation, List<String> roles, String language)
        implements Serializable {
    public static final String SESSION_ATTRIBUTE = "fundchain.push.identity";

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
