package vn.lienthong.gateway.api;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a REST handler answers: status, media type, body and the few headers of its own (Retry-After,
 * Content-Disposition, …). {@link RestAdapter} writes it, and nothing of the request goes back with it.
 * The body is JSON text, bytes, or a stream the adapter hands on unread (with its length when known).
 */
public final class ApiReply {
    /** Seconds a client is asked to wait before sending a request again that could not be checked yet (503). */
    public static final int RETRY_AFTER_SECONDS = 60;

    private final int status;
    private final String mediaType;
    private final Object body;
    private final long contentLength;
    private final Map<String, String> headers;

    private ApiReply(int status, String mediaType, Object body, long contentLength, Map<String, String> headers) {
        this.status = status;
        this.mediaType = mediaType;
        this.body = body;
        this.contentLength = contentLength;
        this.headers = Collections.unmodifiableMap(headers);
    }

    public static ApiReply json(int status, JsonNode body) {
        return jsonText(status, body.toString());
    }

    /** JSON already written as text (a reply whose exact shape another system dictates). */
    public static ApiReply jsonText(int status, String body) {
        return new ApiReply(status, "application/json", body, -1, Map.of());
    }

    /** An RFC 9457 problem ({@link Problem}), answered with its own status. */
    public static ApiReply problem(ObjectNode problem) {
        return new ApiReply(problem.get("status").asInt(), Problem.MEDIA_TYPE, problem.toString(), -1, Map.of());
    }

    /** The problem of broken rules: 400, 422, or 503 with Retry-After when a value cannot be checked yet. */
    public static ApiReply invalid(List<Violation> violations) {
        ApiReply p = problem(Problem.invalid(violations));
        return p.status == 503 ? p.retryAfter(RETRY_AFTER_SECONDS) : p;
    }

    public static ApiReply bytes(int status, String mediaType, byte[] body) {
        return new ApiReply(status, mediaType, body, -1, Map.of());
    }

    /** A body read only as it is sent (a stored file), of a known length. */
    public static ApiReply stream(int status, String mediaType, InputStream body, long length) {
        return new ApiReply(status, mediaType, body, length, Map.of());
    }

    /** This reply with one more header. */
    public ApiReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiReply(status, mediaType, body, contentLength, more);
    }

    public ApiReply retryAfter(int seconds) {
        return withHeader("Retry-After", String.valueOf(seconds));
    }

    public int status() {
        return status;
    }

    public String mediaType() {
        return mediaType;
    }

    /** A String, a byte[] or an InputStream. */
    public Object body() {
        return body;
    }

    /** The stream's length; -1 for a body whose length the writer works out. */
    public long contentLength() {
        return contentLength;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body as text; a stream is not read here. */
    public String text() {
        if (body instanceof String s) {
            return s;
        }
        if (body instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("the body is a stream");
    }

    @Override
    public String toString() {
        return "ApiReply[" + status + " " + mediaType + "]";
    }
}
