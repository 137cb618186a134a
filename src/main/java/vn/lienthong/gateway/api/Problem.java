package vn.lienthong.gateway.api;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An RFC 9457 problem body ({@code application/problem+json}); never carries a stack trace. */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problem() {
    }

    public static ObjectNode of(int status, String slug, String title, String detail) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "urn:lienthong:problem:" + slug);
        p.put("title", title);
        p.put("status", status);
        if (detail != null) {
            p.put("detail", detail);
        }
        return p;
    }

    public static ObjectNode invalid(List<Violation> violations) {
        int status = statusFor(violations);
        ObjectNode p = of(status, status == 422 ? "unknown-code" : status == 503 ? "not-yet-checkable" : "invalid-request",
                status == 422 ? "Unknown code" : status == 503 ? "Cannot be checked yet" : "Invalid request",
                violations.size() == 1 ? violations.get(0).message()
                        : violations.size() + " fields break a rule; see errors");
        p.set("errors", errors(violations));
        return p;
    }

    public static ArrayNode errors(List<Violation> violations) {
        ArrayNode errors = JSON.createArrayNode();
        for (Violation v : violations) {
            errors.addObject().put("field", v.field()).put("rule", v.rule()).put("message", v.message());
        }
        return errors;
    }

    /**
     * 400 when a value breaks a rule; otherwise 503 when a value cannot be checked yet (nothing is wrong with the
     * request: send it again), and 422 when every value is well formed but not known.
     */
    public static int statusFor(List<Violation> violations) {
        if (!violations.stream().allMatch(v -> v.unknownCode() || v.unavailable())) {
            return 400;
        }
        return violations.stream().anyMatch(Violation::unavailable) ? 503 : 422;
    }

    public static String json(ObjectNode problem) {
        return problem.toString();
    }
}
