package vn.lienthong.gateway.api;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

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
     * Reads the JSON body, or answers the problem itself (413 too large, 415 not JSON, 400 malformed) and
     * returns null.
     */
    public static JsonNode readJson(Exchange ex, ObjectMapper json, int maxBytes) {
        String contentType = ex.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            problem(ex, Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json"));
            return null;
        }
        byte[] body = ex.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            invalid(ex, List.of(Violation.of("$", "body.required", "the request has no body")));
            return null;
        }
        if (body.length > maxBytes) {
            problem(ex, Problem.of(413, "too-large", "Request too large", "the body is larger than " + maxBytes + " bytes"));
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            invalid(ex, List.of(Violation.of("$", "json.malformed", "the body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
            return null;
        } catch (java.io.IOException e) {
            invalid(ex, List.of(Violation.of("$", "json.malformed", "the body is not valid JSON")));
            return null;
        }
    }

    public static String client(Exchange ex) {
        String c = ex.getMessage().getHeader(CLIENT_HEADER, String.class);
        if (c == null || c.isBlank()) {
            throw new IllegalStateException("request reached a route without an authenticated client");
        }
        return c;
    }
}
