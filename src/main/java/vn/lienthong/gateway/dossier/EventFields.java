package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.mapping.MappingTable;

/**
 * The rules every field of a dossier event is judged by (type, presence, length, date, word of a table),
 * each adding a violation named by the field's path ({@code prefix} + name).
 */
final class EventFields {
    private EventFields() {
    }

    static void unknownFields(JsonNode o, Set<String> known, String prefix, List<Violation> v) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                v.add(Violation.of(prefix + f, "field.unknown", "'" + f + "' is not a field of this object"));
            }
        }
    }

    /** A non-blank string of at most {@code max} characters, or null (absent, or a violation added). */
    static String text(JsonNode o, String f, boolean required, int max, List<Violation> v, String prefix) {
        JsonNode n = o.get(f);
        if (n == null || n.isNull()) {
            if (required) {
                v.add(Violation.of(prefix + f, "required", f + " is required"));
            }
            return null;
        }
        if (!n.isTextual()) {
            v.add(Violation.of(prefix + f, "type.string", f + " is a string"));
            return null;
        }
        String s = n.asText();
        if (s.isBlank()) {
            v.add(Violation.of(prefix + f, "required", f + " must not be blank"));
            return null;
        }
        if (s.length() > max) {
            v.add(Violation.of(prefix + f, "length.max", f + " is at most " + max + " characters"));
            return null;
        }
        return s;
    }

    /** An ISO-8601 date-time with an offset, or null (absent, or a violation added). */
    static OffsetDateTime dateTime(JsonNode o, String f, boolean required, List<Violation> v, String prefix) {
        String s = text(o, f, required, 40, v, prefix);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            v.add(Violation.of(prefix + f, "datetime.iso-8601-offset",
                    f + " is an ISO-8601 date-time with an offset, e.g. 2026-11-24T09:15:00+07:00"));
            return null;
        }
    }

    static void bool(JsonNode o, String f, List<Violation> v, String prefix) {
        JsonNode n = o.get(f);
        if (n != null && !n.isNull() && !n.isBoolean()) {
            v.add(Violation.of(prefix + f, "type.boolean", f + " is true or false"));
        }
    }

    /** A word of {@code table}, or null; an unknown one is a 422 of rule {@code rule} naming the table's file. */
    static String word(JsonNode o, String f, MappingTable table, String rule, List<Violation> v, String prefix) {
        String w = text(o, f, false, 40, v, prefix);
        if (w != null && table.find(w).isEmpty()) {
            v.add(Violation.unknown(prefix + f, rule, f + " '" + w + "' is not in mappings/" + table.file()
                    + " (known: " + table.byKey().keySet() + ")"));
            return null;
        }
        return w;
    }

    /** A list of at most {@code max} items, each an object or a violation added; null when absent or not such a list. */
    static JsonNode objects(JsonNode o, String f, int max, List<Violation> v) {
        JsonNode list = o.get(f);
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            v.add(Violation.of(f, "type.array", f + " is a list"));
            return null;
        }
        if (list.size() > max) {
            v.add(Violation.of(f, "list.size", f + " holds at most " + max + " items"));
            return null;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                v.add(Violation.of(f + "[" + i + "]", "type.object", "each of " + f + " is an object"));
            }
        }
        return list;
    }
}
