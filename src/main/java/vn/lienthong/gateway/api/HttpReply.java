package vn.lienthong.gateway.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

import vn.lienthong.gateway.security.BodyLimitFilter;

/** Writes an answer of a REST route: status, content type and JSON body, nothing else of the request. */
public final class HttpReply {
    /** Set by the API key filter from the authenticated client; any client-sent value is replaced. */
    public static final String CLIENT_HEADER = "X-Gateway-Client";

    private HttpReply() {
    }

    public static void json(Exchange ex, int status, JsonNode body) {
        ex.getMessage().removeHeaders("*");
        ex.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        ex.getMessage().setBody(body.toString());
    }

    public static void problem(Exchange ex, ObjectNode problem) {
        ex.getMessage().removeHeaders("*");
        ex.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.get("status").asInt());
        ex.getMessage().setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        ex.getMessage().setBody(problem.toString());
    }

    /** Seconds a client is asked to wait before sending a request again that could not be checked yet (503). */
    public static final int RETRY_AFTER_SECONDS = 60;

    public static void invalid(Exchange ex, List<Violation> violations) {
        ObjectNode p = Problem.invalid(violations);
        problem(ex, p);
        if (p.get("status").asInt() == 503) {
            ex.getMessage().setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
    }

    /**
     * Reads the JSON body, or answers the problem itself (415 not JSON, 400 empty or malformed) and returns null.
     * The body's size was limited before it was read (security/BodyLimitFilter, gateway.http.*).
     */
    public static JsonNode readJson(Exchange ex) {
        String contentType = ex.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            problem(ex, Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json"));
            return null;
        }
        byte[] body = rawBody(ex);
        if (body == null || body.length == 0) {
            invalid(ex, List.of(Violation.of("$", "body.required", "the request has no body")));
            return null;
        }
        JsonBodies.Parsed parsed = JsonBodies.read(body);
        if (parsed.problem() != null) {
            invalid(ex, List.of(parsed.problem()));
            return null;
        }
        return parsed.tree();
    }

    /**
     * The request body's bytes as the client sent them (kept by security/BodyLimitFilter); Camel's own copy may have
     * been decoded as text on the way, which replaces bytes that are not UTF-8 and would change what a signature covers.
     */
    public static byte[] rawBody(Exchange ex) {
        if (ex.getIn() instanceof PlatformHttpMessage m && m.getRequest() != null
                && m.getRequest().getAttribute(BodyLimitFilter.RAW_BODY) instanceof byte[] raw) {
            return raw;
        }
        return ex.getMessage().getBody(byte[].class);
    }

    public static String client(Exchange ex) {
        String c = ex.getMessage().getHeader(CLIENT_HEADER, String.class);
        if (c == null || c.isBlank()) {
            throw new IllegalStateException("request reached a route without an authenticated client");
        }
        return c;
    }
}
