package vn.lienthong.gateway.national.portal;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads portal data whatever JSON type a scalar came in: production portal clients send every scalar as a
 * string ({@code "4"}), the reference shows numbers and booleans, and a portal may answer either way. A copy
 * is made in which the named integer fields are numbers (a string of digits becomes one) and every other
 * scalar is text (a number or a boolean becomes its text), so the rules and translations that follow see one
 * type per field. A value that cannot be read as its type is left as it came, for the rules to refuse.
 */
public final class PortalScalars {
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private PortalScalars() {
    }

    public static JsonNode canonical(JsonNode node, Set<String> integerFields) {
        if (node == null || !node.isContainerNode()) {
            return node;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(n -> out.add(n.isValueNode() ? n : canonical(n, integerFields)));
            return out;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            JsonNode v = f.getValue();
            out.set(f.getKey(), v.isContainerNode() ? canonical(v, integerFields)
                    : integerFields.contains(f.getKey()) ? integer(v) : text(v));
        }
        return out;
    }

    private static JsonNode integer(JsonNode v) {
        if (v.isTextual() && INTEGER.matcher(v.asText().trim()).matches()) {
            long n = Long.parseLong(v.asText().trim());
            // the node a JSON parser would have made of the same number
            return n == (int) n ? JsonNodeFactory.instance.numberNode((int) n) : JsonNodeFactory.instance.numberNode(n);
        }
        return v;
    }

    private static JsonNode text(JsonNode v) {
        if (v.isIntegralNumber() || v.isBoolean()) {
            return JsonNodeFactory.instance.textNode(v.asText());
        }
        if (v.isNumber()) {
            return JsonNodeFactory.instance.textNode(v.decimalValue().stripTrailingZeros().toPlainString());
        }
        return v;
    }
}
