package vn.lienthong.gateway.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The scopes of the API key of the request being served (the REST routes run on the request's thread). */
public final class Scopes {
    private static final String PREFIX = "SCOPE_";

    private Scopes() {
    }

    /** The scopes the calling key holds; none outside a request. */
    public static Set<String> current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null) {
            return Set.of();
        }
        return a.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(g -> g != null && g.startsWith(PREFIX))
                .map(g -> g.substring(PREFIX.length())).collect(Collectors.toUnmodifiableSet());
    }
}
