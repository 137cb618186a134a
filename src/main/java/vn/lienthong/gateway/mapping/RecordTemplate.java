package vn.lienthong.gateway.mapping;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A record template from mappings/: which target field takes which source field, through which table
 * and format. Compiled once per mappings snapshot; applying it is a walk over a few dozen fields.
 *
 * <p>Entry keys: {@code target}; one of {@code source} (dotted path) or {@code constant};
 * optional {@code lookup} ({@code table.column}: translate the source value), {@code format}
 * (a named date format), {@code default} (used when the source is absent; without it the field is
 * left out), and {@code items} ({@code from}: a list path, or {@code whenPresent}: a path that makes a
 * one-item list of the current record; with nested {@code fields}).
 */
public final class RecordTemplate {
    private static final Set<String> KEYS = Set.of("target", "source", "constant", "lookup", "format", "default", "items", "note");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Field> fields;
    private final boolean textScalars;

    private RecordTemplate(List<Field> fields, boolean textScalars) {
        this.fields = fields;
        this.textScalars = textScalars;
    }

    public static RecordTemplate compile(MappingTable table, Mappings mappings, Map<String, DateTimeFormatter> formats) {
        return compile(table, mappings, formats, false);
    }

    /**
     * As {@link #compile}, but every scalar of the output is text: numbers as their digits, booleans as "1" or
     * "0" (how the portal's production clients send every field of a record).
     */
    public static RecordTemplate compileAsText(MappingTable table, Mappings mappings, Map<String, DateTimeFormatter> formats) {
        return compile(table, mappings, formats, true);
    }

    private static RecordTemplate compile(MappingTable table, Mappings mappings, Map<String, DateTimeFormatter> formats,
                                          boolean textScalars) {
        List<Field> fields = new ArrayList<>();
        for (MappingEntry e : table.entries()) {
            fields.add(field(table.file(), e.line(), e.values(), mappings, formats));
        }
        return new RecordTemplate(List.copyOf(fields), textScalars);
    }

    @SuppressWarnings("unchecked")
    private static Field field(String file, int line, Map<String, Object> spec, Mappings mappings,
                               Map<String, DateTimeFormatter> formats) {
        for (String k : spec.keySet()) {
            if (!KEYS.contains(k)) {
                throw new MappingException(file, line, "unknown key '" + k + "' (known: " + KEYS + ")");
            }
        }
        Object target = spec.get("target");
        if (target == null) {
            throw new MappingException(file, line, "field has no 'target'");
        }
        String source = (String) spec.get("source");
        boolean hasConstant = spec.containsKey("constant");
        Map<String, Object> items = (Map<String, Object>) spec.get("items");
        if ((source == null ? 0 : 1) + (hasConstant ? 1 : 0) + (items == null ? 0 : 1) != 1) {
            throw new MappingException(file, line, "field '" + target + "' needs exactly one of source, constant, items");
        }
        MappingTable lookupTable = null;
        String lookupColumn = null;
        if (spec.get("lookup") != null) {
            String[] parts = spec.get("lookup").toString().split("\\.", 2);
            if (parts.length != 2 || !mappings.has(parts[0])) {
                throw new MappingException(file, line, "lookup '" + spec.get("lookup") + "' must name an existing table and a column (table.column)");
            }
            lookupTable = mappings.table(parts[0]);
            lookupColumn = parts[1];
            for (MappingEntry e : lookupTable.entries()) {
                if (!e.has(lookupColumn)) {
                    throw new MappingException(lookupTable.file(), e.line(), "entry has no '" + lookupColumn + "', needed by " + file + ":" + line);
                }
            }
        }
        DateTimeFormatter format = null;
        if (spec.get("format") != null) {
            format = formats.get(spec.get("format").toString());
            if (format == null) {
                throw new MappingException(file, line, "unknown format '" + spec.get("format") + "' (known: " + formats.keySet() + ")");
            }
        }
        Items nested = null;
        if (items != null) {
            Object from = items.get("from");
            Object when = items.get("whenPresent");
            if ((from == null) == (when == null)) {
                throw new MappingException(file, line, "items of '" + target + "' need exactly one of 'from' or 'whenPresent'");
            }
            List<Field> sub = new ArrayList<>();
            for (Map<String, Object> f : (List<Map<String, Object>>) items.getOrDefault("fields", List.of())) {
                sub.add(field(file, line, f, mappings, formats));
            }
            nested = new Items(from == null ? null : from.toString(), when == null ? null : when.toString(), List.copyOf(sub));
        }
        JsonNode constant = hasConstant ? JSON.valueToTree(spec.get("constant")) : null;
        boolean hasDefault = spec.containsKey("default");
        JsonNode dflt = hasDefault ? JSON.valueToTree(spec.get("default")) : null;
        return new Field(target.toString(), source == null ? null : source.split("\\."), constant, lookupTable,
                lookupColumn, format, hasDefault, dflt, nested);
    }

    public ObjectNode apply(JsonNode record) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Field f : fields) {
            f.write(record, out);
        }
        if (textScalars) {
            asText(out);
        }
        return out;
    }

    private static void asText(JsonNode container) {
        if (container instanceof ObjectNode o) {
            o.properties().forEach(f -> {
                if (f.getValue().isContainerNode()) {
                    asText(f.getValue());
                } else {
                    f.setValue(text(f.getValue()));
                }
            });
        } else if (container instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isContainerNode()) {
                    asText(a.get(i));
                } else {
                    a.set(i, text(a.get(i)));
                }
            }
        }
    }

    private static JsonNode text(JsonNode v) {
        if (v.isBoolean()) {
            return JsonNodeFactory.instance.textNode(v.booleanValue() ? "1" : "0");
        }
        return v.isNumber() ? JsonNodeFactory.instance.textNode(v.asText()) : v;
    }

    static JsonNode at(JsonNode node, String[] path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null) {
                return null;
            }
            n = n.get(p);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    private record Items(String from, String whenPresent, List<Field> fields) {
    }

    private record Field(String target, String[] source, JsonNode constant, MappingTable lookupTable,
                         String lookupColumn, DateTimeFormatter format, boolean hasDefault, JsonNode dflt,
                         Items items) {

        void write(JsonNode record, ObjectNode out) {
            if (items != null) {
                out.set(target, list(record));
                return;
            }
            JsonNode v = constant != null ? constant.deepCopy() : at(record, source);
            if (v == null) {
                if (hasDefault) {
                    out.set(target, dflt);
                }
                return;
            }
            if (lookupTable != null) {
                v = JSON.valueToTree(lookupTable.lookup(v.asText(), lookupColumn));
            }
            if (format != null) {
                v = JsonNodeFactory.instance.textNode(format.format(OffsetDateTime.parse(v.asText())));
            }
            out.set(target, v);
        }

        private ArrayNode list(JsonNode record) {
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            List<JsonNode> sources = new ArrayList<>();
            if (items.from() != null) {
                JsonNode l = at(record, items.from().split("\\."));
                if (l != null && l.isArray()) {
                    l.forEach(sources::add);
                }
            } else if (at(record, items.whenPresent().split("\\.")) != null) {
                sources.add(record);
            }
            for (JsonNode s : sources) {
                ObjectNode o = arr.addObject();
                for (Field f : items.fields()) {
                    f.write(s, o);
                }
            }
            return arr;
        }
    }
}
