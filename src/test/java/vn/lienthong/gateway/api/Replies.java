package vn.lienthong.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a handler's reply in the unit tests of the *Api beans. */
public final class Replies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    /** The reply's body as a JSON tree. */
    public static JsonNode body(ApiReply reply) {
        try {
            return JSON.readTree(reply.text());
        } catch (JsonProcessingException e) {
            throw new AssertionError("the reply's body is not JSON: " + reply.text(), e);
        }
    }

    /** Every entry of a problem's errors as "field rule". */
    public static java.util.List<String> errors(ApiReply reply) {
        java.util.List<String> out = new java.util.ArrayList<>();
        body(reply).path("errors").forEach(e -> out.add(e.path("field").asText() + " " + e.path("rule").asText()));
        return out;
    }

    /** The first entry of a problem's errors as "field rule". */
    public static String firstError(ApiReply reply) {
        JsonNode e = body(reply).path("errors").path(0);
        return e.path("field").asText() + " " + e.path("rule").asText();
    }
}
