package vn.lienthong.gateway.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One generated request: what it attacks (for the report of a failing try) and what it sends. */
record HostileRequest(String attack, String method, String path, Map<String, String> headers, byte[] body, boolean signed) {

    HostileRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (value == null) {
            h.remove(name);
        } else {
            h.put(name, value);
        }
        return new HostileRequest(attack, method, path, h, body, signed);
    }

    HostileRequest withAttack(String name) {
        return new HostileRequest(name, method, path, headers, body, signed);
    }

    @Override
    public String toString() {
        String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return attack + ": " + method + " " + path + " " + headers + " " + (body == null ? 0 : body.length) + " bytes " + shown;
    }
}
