package vn.lienthong.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.lienthong.gateway.api.ApiRequest;

/**
 * Authenticates a client by the API key in {@code X-API-Key} (or {@code Authorization: ApiKey …}). Keys are
 * configured as SHA-256 hashes, so the configuration never holds a usable key. The authenticated client id
 * travels to the routes in {@link ApiRequest#CLIENT_HEADER}; a value the client sent itself is dropped.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-API-Key";

    private final Map<String, SecurityProperties.ApiKey> byHash;
    private final ProblemResponses problems;
    private final ClientRateLimits rateLimits;

    public ApiKeyAuthenticationFilter(List<SecurityProperties.ApiKey> keys, ProblemResponses problems, ClientRateLimits rateLimits) {
        for (SecurityProperties.ApiKey k : keys) {
            if (k.getSha256() == null || !k.getSha256().matches("[0-9a-fA-F]{64}") || k.getClientId() == null) {
                throw new IllegalStateException("gateway.security.api-keys: every key needs a client-id and a 64-hex-digit sha256");
            }
        }
        this.byHash = keys.stream().collect(Collectors.toMap(k -> k.getSha256().toLowerCase(), Function.identity()));
        this.problems = problems;
        this.rateLimits = rateLimits;
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        String auth = request.getHeader("Authorization");
        if (key == null && auth != null && auth.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            key = auth.substring(7).trim();
        }
        if (key == null) {
            chain.doFilter(new ClientRequest(request, null), response);
            return;
        }
        // The map is keyed by the hash of the key, so the look-up time says nothing about the key itself.
        SecurityProperties.ApiKey client = byHash.get(sha256(key));
        if (client == null) {
            problems.write(response, 401, "unauthenticated", "Unauthenticated", "the API key is not valid");
            return;
        }
        if (!rateLimits.allow(client.getClientId())) {
            response.setHeader("Retry-After", "1");
            problems.write(response, 429, "rate-limited", "Too many requests",
                    "this API key's request rate limit is reached; send again after Retry-After seconds");
            return;
        }
        var authorities = client.getScopes().stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s)).toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(client.getClientId(), null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(new ClientRequest(request, client.getClientId()), response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The request as the routes see it: the client header is ours alone. */
    private static final class ClientRequest extends HttpServletRequestWrapper {
        private final String clientId;

        ClientRequest(HttpServletRequest request, String clientId) {
            super(request);
            this.clientId = clientId;
        }

        private boolean ours(String name) {
            return ApiRequest.CLIENT_HEADER.equalsIgnoreCase(name);
        }

        @Override
        public String getHeader(String name) {
            return ours(name) ? clientId : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (ours(name)) {
                return clientId == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(clientId));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream().filter(n -> !ours(n))
                    .collect(Collectors.toList());
            if (clientId != null) {
                names.add(ApiRequest.CLIENT_HEADER);
            }
            return Collections.enumeration(names);
        }
    }
}
