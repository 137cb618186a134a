package vn.lienthong.gateway.catalogue;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the catalogue's scalars as production clients do: one peer declares every scalar a string, the other
 * reads some as numbers, so a number may come as {@code 5}, {@code "5"} or {@code "2.5"}.
 */
final class Lenient {
    private Lenient() {
    }

    /** The field as trimmed text (a number's text for a number); null when absent, null or blank. */
    static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isContainerNode()) {
            throw malformed(field + " is " + (n.isArray() ? "a list" : "an object") + ", not a value");
        }
        String s = n.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** The first of these spellings present (the portal's peers disagree on URL and Url). */
    static String text(JsonNode parent, String field, String otherSpelling) {
        String s = text(parent, field);
        return s != null ? s : text(parent, otherSpelling);
    }

    /** Text of at most {@code max} characters; a longer value is malformed (codes must not be cut). */
    static String code(JsonNode parent, String field, int max) {
        String s = text(parent, field);
        if (s != null && s.length() > max) {
            throw malformed(field + " is longer than " + max + " characters");
        }
        return s;
    }

    /** Text cut to {@code max} characters (descriptions: the raw answer keeps the whole). */
    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A number given as a number or as text (decimal point); null when absent or not a number. */
    static BigDecimal decimal(String s) {
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s.replace(" ", ""));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** A whole number given as a number or as text ({@code "1"}, {@code 1}, {@code 1.0}); null otherwise. */
    static Integer integer(String s) {
        BigDecimal d = decimal(s);
        if (d == null) {
            return null;
        }
        try {
            return d.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException notWhole) {
            return null;
        }
    }

    static CatalogueAnswerException malformed(String reason) {
        return new CatalogueAnswerException(CatalogueAnswerException.Kind.MALFORMED, reason);
    }
}
