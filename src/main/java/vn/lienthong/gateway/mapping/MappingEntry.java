package vn.lienthong.gateway.mapping;

import java.util.List;
import java.util.Map;

/** One entry of a mapping table, with the line it starts on for error messages. */
public record MappingEntry(String file, int line, Map<String, Object> values) {

    public Object value(String column) {
        return values.get(column);
    }

    public boolean has(String column) {
        return values.containsKey(column) && values.get(column) != null;
    }

    public String string(String column) {
        Object v = values.get(column);
        return v == null ? null : v.toString();
    }

    public String requireString(String column) {
        String v = string(column);
        if (v == null || v.isBlank()) {
            throw new MappingException(file, line, "entry has no '" + column + "'");
        }
        return v;
    }

    public int requireInt(String column) {
        Object v = values.get(column);
        if (v instanceof Number n) {
            return n.intValue();
        }
        throw new MappingException(file, line, "'" + column + "' must be an integer, found " + v);
    }

    public boolean bool(String column) {
        return Boolean.TRUE.equals(values.get(column));
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String column) {
        Object v = values.get(column);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?>)) {
            throw new MappingException(file, line, "'" + column + "' must be a list");
        }
        return (List<Map<String, Object>>) v;
    }
}
