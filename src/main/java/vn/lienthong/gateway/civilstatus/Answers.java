package vn.lienthong.gateway.civilstatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.lienthong.gateway.identifiers.Identifiers;

/** Reading the service's textual answers: their words whatever the wrapping, and a short masked form for reasons. */
final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern DIGIT_RUN = java.util.regex.Pattern.compile("\\d{9,}");

    private Answers() {
    }

    /** The answer's text with the strings of a JSON answer decoded (a phrase may come \\u-escaped). */
    static String words(String answer) {
        if (answer == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(answer);
        try {
            JsonNode tree = JSON.readTree(answer);
            if (tree != null) {
                collect(tree, out);
            }
        } catch (Exception notJson) {
            // a plain-text answer is judged as it is
        }
        return out.toString();
    }

    private static void collect(JsonNode n, StringBuilder out) {
        if (n.isTextual()) {
            out.append(' ').append(n.textValue());
        }
        n.forEach(child -> collect(child, out));
    }

    /** Short, and with long digit runs masked: an answer may echo a personal ID, and the reason is logged and kept. */
    static String brief(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return DIGIT_RUN.matcher(cut).replaceAll(m -> Identifiers.mask(m.group()));
    }
}
