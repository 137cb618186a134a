package vn.lienthong.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The scopes of the API key of the request being served (the REST routes run on the request's thread). */
public final class Scopes {
    private Scopes() {
    }

    /** Whether the calling key holds this scope. */
    public static boolean granted(String scope) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getAuthorities().stream().anyMatch(g -> ("SCOPE_" + scope).equals(g.getAuthority()));
    }
}
