package vn.lienthong.gateway.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outbox's request_hash: SHA-256 of a request with object keys sorted and nulls dropped, so key order
 * and whitespace do not turn a repeat into a conflict. Every flow that stores events uses it.
 */
public final class RequestHash {
    private RequestHash() {
    }

    public static String of(JsonNode request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(request).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode canonical(JsonNode n) {
        if (n.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            for (String f : names) {
                if (!n.get(f).isNull()) {
                    sorted.set(f, canonical(n.get(f)));
                }
            }
            return sorted;
        }
        if (n.isArray()) {
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> arr.add(canonical(x)));
            return arr;
        }
        return n;
    }
}
