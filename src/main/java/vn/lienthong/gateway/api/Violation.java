package vn.lienthong.gateway.api;

/**
 * One broken rule of a request: the field (a JSON path such as {@code applicant.personalId} or
 * {@code events[3].status}), the rule's name, and a sentence for a person. {@code unknownCode} marks a
 * well-formed value that mappings/ do not know (answered 422 rather than 400); {@code unavailable} a value
 * that cannot be judged yet because what it is checked against is not loaded (answered 503: send it again).
 */
public record Violation(String field, String rule, String message, boolean unknownCode, boolean unavailable) {

    public Violation(String field, String rule, String message, boolean unknownCode) {
        this(field, rule, message, unknownCode, false);
    }

    public static Violation of(String field, String rule, String message) {
        return new Violation(field, rule, message, false);
    }

    public static Violation unknown(String field, String rule, String message) {
        return new Violation(field, rule, message, true);
    }

    public static Violation unavailable(String field, String rule, String message) {
        return new Violation(field, rule, message, false, true);
    }

    public Violation under(String prefix) {
        return new Violation(prefix + "." + field, rule, message, unknownCode, unavailable);
    }
}
