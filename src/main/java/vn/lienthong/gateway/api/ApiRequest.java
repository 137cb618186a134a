package vn.lienthong.gateway.api;

import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a REST handler may read of a request, with nothing of Camel or the servlet in it: {@link RestAdapter} makes
 * one from each REST call, a unit test with {@link #builder(String)}. Path and query parameters and request headers
 * are looked up alike, by name and case-insensitively, as Camel hands them over.
 */
public final class ApiRequest {
    /** Set by the API key filter from the authenticated client; any client-sent value is replaced. */
    public static final String CLIENT_HEADER = "X-Gateway-Client";
    private static final byte[] NO_BODY = new byte[0];

    private final String method;
    private final Map<String, String> headers;
    private final Set<String> scopes;
    private final byte[] body;
    private final InputStream stream;

    private ApiRequest(Builder b) {
        this.method = b.method;
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(b.headers);
        this.headers = Collections.unmodifiableMap(copy);
        this.scopes = Set.copyOf(b.scopes);
        this.body = b.body == null ? NO_BODY : b.body;
        this.stream = b.stream;
    }

    public static Builder builder(String method) {
        return new Builder(method);
    }

    /** GET, POST, … */
    public String method() {
        return method;
    }

    /** A path or query parameter or a request header; null when absent. */
    public String header(String name) {
        return headers.get(name);
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** The authenticated client's id; a route reached without one is a configuration fault, not a client's. */
    public String client() {
        String c = header(CLIENT_HEADER);
        if (c == null || c.isBlank()) {
            throw new IllegalStateException("request reached a route without an authenticated client");
        }
        return c;
    }

    /** Whether the calling API key holds this scope. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * The request body's bytes exactly as the client sent them (empty when none): what a signature covers. Its size
     * was limited before it was read (security/BodyLimitFilter, gateway.http.*).
     */
    public byte[] rawBody() {
        return body.clone();
    }

    /**
     * The body of a path the gateway reads as it arrives (gateway.http.streamed-paths), failing past the path's limit;
     * null on every other path, whose body is in {@link #rawBody()}.
     */
    public InputStream streamedBody() {
        return stream;
    }

    /** The JSON body, or the problem to answer: 415 when not sent as JSON, 400 when empty or malformed. */
    public Json readJson() {
        String type = contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            return new Json(null, ApiReply.problem(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json")));
        }
        if (body.length == 0) {
            return new Json(null, ApiReply.invalid(List.of(Violation.of("$", "body.required", "the request has no body"))));
        }
        JsonBodies.Parsed parsed = JsonBodies.read(body);
        if (parsed.problem() != null) {
            return new Json(null, ApiReply.invalid(List.of(parsed.problem())));
        }
        return new Json(parsed.tree(), null);
    }

    /** Names no header and no byte of the body: either may carry personal data. */
    @Override
    public String toString() {
        return "ApiRequest[" + method + "]";
    }

    /** A body read as JSON: the tree, or (tree null) the problem to answer. */
    public record Json(JsonNode tree, ApiReply problem) {
        public boolean refused() {
            return problem != null;
        }
    }

    /** Builds a request: the adapter from an exchange, a test by hand. */
    public static final class Builder {
        private final String method;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private Set<String> scopes = Set.of();
        private byte[] body;
        private InputStream stream;

        private Builder(String method) {
            this.method = method;
        }

        /** A path or query parameter or a request header. */
        public Builder header(String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        /** The authenticated client, as the API key filter names it. */
        public Builder client(String clientId) {
            return header(CLIENT_HEADER, clientId);
        }

        public Builder scopes(Set<String> granted) {
            this.scopes = granted;
            return this;
        }

        public Builder body(byte[] raw) {
            this.body = raw;
            return this;
        }

        /** A JSON body in UTF-8, with its content type. */
        public Builder json(String text) {
            header("Content-Type", "application/json");
            return body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public Builder streamedBody(InputStream in) {
            this.stream = in;
            return this;
        }

        public ApiRequest build() {
            return new ApiRequest(this);
        }
    }
}
