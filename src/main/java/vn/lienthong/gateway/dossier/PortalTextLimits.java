package vn.lienthong.gateway.dossier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.mapping.MappingEntry;
import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.MappingTable;

/**
 * The portal's text limits (mappings/portal-text-limits.yaml), so that a record the portal would refuse as
 * malformed (error 14) is never found out at delivery: a text over a {@code refuse} limit refuses the event
 * when it is accepted, naming the event field; one over a {@code cut} limit is cut in the translated record,
 * its end replaced by the marker.
 */
public final class PortalTextLimits {
    private static final Set<String> PARTS = Set.of("record", "progress");

    /** One limit. {@code list} is null for a field of the record or entry itself. */
    record Limit(String part, String list, String field, String sourceList, String sourceField, String source,
                 String target, int max, boolean cut, String marker) {
    }

    private final List<Limit> limits;

    private PortalTextLimits(List<Limit> limits) {
        this.limits = limits;
    }

    static PortalTextLimits from(MappingTable table) {
        List<Limit> out = new ArrayList<>();
        for (MappingEntry e : table.entries()) {
            String part = e.requireString("in");
            if (!PARTS.contains(part)) {
                throw new MappingException(table.file(), e.line(), "in is record or progress");
            }
            String over = e.requireString("over");
            if (!Set.of("cut", "refuse").contains(over)) {
                throw new MappingException(table.file(), e.line(), "over is cut or refuse");
            }
            int max = e.requireInt("maxLength");
            String marker = "cut".equals(over) ? e.requireString("marker") : "";
            if (max <= marker.length()) {
                throw new MappingException(table.file(), e.line(), "maxLength must be longer than the marker");
            }
            String[] target = split(table, e, e.requireString("target"));
            String[] source = split(table, e, e.requireString("source"));
            if ((target[0] == null) != (source[0] == null)) {
                throw new MappingException(table.file(), e.line(), "target and source are both fields of list items, or neither");
            }
            out.add(new Limit(part, target[0], target[1], source[0], source[1], e.string("source"), e.string("target"), max,
                    "cut".equals(over), marker));
        }
        return new PortalTextLimits(List.copyOf(out));
    }

    /** "List[].Field" to {List, Field}; "Field" to {null, Field}; a dotted field path stays whole. */
    private static String[] split(MappingTable table, MappingEntry e, String path) {
        int i = path.indexOf("[].");
        if (i < 0) {
            return new String[] {null, path};
        }
        if (path.indexOf("[]", i + 3) >= 0) {
            throw new MappingException(table.file(), e.line(), "one level of list at most: " + path);
        }
        return new String[] {path.substring(0, i), path.substring(i + 3)};
    }

    /** The events' texts over a refuse limit, each naming the event field, its index and the limit. */
    List<Violation> refusals(JsonNode event, List<Violation> already) {
        List<Violation> v = new ArrayList<>();
        for (Limit l : limits) {
            if (l.cut()) {
                continue;
            }
            if (l.sourceList() == null) {
                check(l, DossierEventTranslator.at(event, l.sourceField()), l.sourceField(), already, v);
            } else {
                JsonNode items = DossierEventTranslator.at(event, l.sourceList());
                for (int i = 0; items != null && items.isArray() && i < items.size(); i++) {
                    check(l, DossierEventTranslator.at(items.get(i), l.sourceField()),
                            l.sourceList() + "[" + i + "]." + l.sourceField(), already, v);
                }
            }
        }
        return v;
    }

    private static void check(Limit l, JsonNode value, String field, List<Violation> already, List<Violation> v) {
        if (value == null || !value.isTextual() || value.asText().length() <= l.max()
                || already.stream().anyMatch(x -> x.field().equals(field))) {
            return;
        }
        v.add(Violation.of(field, "length.portal-max", field + " is at most " + l.max() + " characters: the portal's "
                + l.target() + " holds no more (mappings/portal-text-limits.yaml)"));
    }

    /** Cuts every text over a cut limit in the translated record and progress entry (null when none). */
    void cut(ObjectNode record, ObjectNode progress) {
        for (Limit l : limits) {
            ObjectNode part = "record".equals(l.part()) ? record : progress;
            if (!l.cut() || part == null) {
                continue;
            }
            if (l.list() == null) {
                cut(l, part);
            } else if (part.get(l.list()) != null) {
                part.get(l.list()).forEach(item -> {
                    if (item instanceof ObjectNode o) {
                        cut(l, o);
                    }
                });
            }
        }
    }

    private static void cut(Limit l, ObjectNode holder) {
        JsonNode value = holder.get(l.field());
        if (value != null && value.isTextual() && value.asText().length() > l.max()) {
            int end = l.max() - l.marker().length();
            if (Character.isHighSurrogate(value.asText().charAt(end - 1))) {
                end--; // never half a character
            }
            holder.put(l.field(), value.asText().substring(0, end) + l.marker());
        }
    }
}
