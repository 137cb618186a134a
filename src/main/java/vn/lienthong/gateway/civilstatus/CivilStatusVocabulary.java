package vn.lienthong.gateway.civilstatus;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import vn.lienthong.gateway.mapping.MappingEntry;
import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.MappingTable;
import vn.lienthong.gateway.mapping.Mappings;

/**
 * The civil-status flow's view of one mappings snapshot: the service's field names, the modules with their one-stop
 * path and declaration table, the units, procedures, progress words and answer phrases, and the procedures the portal
 * may push. Building it is the flow's start-up and reload check: a table that cannot serve fails with file, line and
 * reason.
 */
public final class CivilStatusVocabulary {
    public static final String PROTOCOL = "civil-status-protocol";
    public static final String MODULES = "civil-status-modules";
    public static final String UNITS = "civil-status-units";
    public static final String PROCEDURES = "civil-status-procedures";
    public static final String STATUSES = "civil-status-statuses";
    public static final String ANSWERS = "civil-status-answers";
    public static final String PUSH_PROCEDURES = "portal-push-procedures";
    private static final Set<String> REQUIRED = Set.of("login.user", "login.password", "login.token", "list.items", "item.id",
            "item.unit", "item.procedure", "item.module", "item.code", "item.receivedAt", "item.account", "detail.outer",
            "detail.text", "detail.files", "detail.declaration", "detail.declarationElement", "file.id", "file.type",
            "file.title", "file.name", "file.cancelled", "file.content", "ack.code", "ack.received", "ack.success",
            "status.dateTime", "status.agency");
    private static final Set<String> LEVELS = Set.of("district", "commune");
    private static final Set<String> STATUS_FIELDS = Set.of("startedAt", "dueAt", "supplementDeadline", "content", "note",
            "result", "officer");

    /** A module of the service and where its dossiers go. */
    public record Module(String code, String kind, String eventType, String path, Map<String, String> declaration,
                         String resultDocument, String certificateField) {
    }

    /** A receiving unit: its level and the one-stop agency. */
    public record Unit(String code, String level, String agencyCode) {
    }

    /** A progress word of the one-stop system and the service's trangThai. */
    public record Status(String word, int code, List<String> requires, boolean fin) {
    }

    /** How an answer to a status report is judged. */
    public enum Outcome { SUCCESS, FINAL, RETRY, PERMANENT }

    /** A procedure the portal may push, and what it becomes at the one-stop system. */
    public record PushProcedure(String code, String procedureCode, String agencyCode, String path) {
    }

    private final MappingTable protocol;
    private final Map<String, Module> modules;
    private final Map<String, Unit> units;
    private final MappingTable procedures;
    private final Map<String, Status> statuses;
    private final List<Map.Entry<String, Outcome>> answers;
    private final Map<String, PushProcedure> pushProcedures;
    private final DateTimeFormatter dateTime;

    private CivilStatusVocabulary(Mappings m) {
        this.protocol = m.table(PROTOCOL);
        for (String k : REQUIRED) {
            if (protocol.find(k).isEmpty()) {
                throw new MappingException(protocol.file(), 0, "missing key '" + k + "'");
            }
        }
        try {
            this.dateTime = DateTimeFormatter.ofPattern(get("status.dateTime"));
        } catch (IllegalArgumentException e) {
            throw new MappingException(protocol.file(), protocol.find("status.dateTime").get().line(), "not a date pattern");
        }
        this.modules = modules(m);
        this.units = units(m.table(UNITS));
        this.procedures = m.table(PROCEDURES);
        for (MappingEntry e : procedures.entries()) {
            if (!e.has("commune") && !e.has("district")) {
                throw new MappingException(procedures.file(), e.line(), "needs a 'commune' or a 'district' procedure");
            }
        }
        this.statuses = statuses(m.table(STATUSES));
        this.answers = answers(m.table(ANSWERS));
        this.pushProcedures = pushProcedures(m.table(PUSH_PROCEDURES));
    }

    public static CivilStatusVocabulary from(Mappings m) {
        return new CivilStatusVocabulary(m);
    }

    private static Map<String, Module> modules(Mappings m) {
        MappingTable t = m.table(MODULES);
        Map<String, Module> out = new LinkedHashMap<>();
        for (MappingEntry e : t.entries()) {
            String path = e.requireString("path");
            if (!path.startsWith("/")) {
                throw new MappingException(t.file(), e.line(), "path must start with /");
            }
            String table = e.requireString("declaration");
            if (!m.has(table)) {
                throw new MappingException(t.file(), e.line(), "declaration table '" + table + "' does not exist");
            }
            out.put(e.requireString("module"), new Module(e.requireString("module"), e.requireString("kind"),
                    e.requireString("eventType"), path, declaration(m.table(table)), e.requireString("resultDocument"),
                    e.requireString("certificateField")));
        }
        return Map.copyOf(out);
    }

    /** Element (dotted for nested elements) to target (dotted), in the table's order. */
    private static Map<String, String> declaration(MappingTable t) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> targets = new java.util.HashSet<>();
        for (MappingEntry e : t.entries()) {
            String target = e.requireString("target");
            if (!target.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*")) {
                throw new MappingException(t.file(), e.line(), "target must be dotted field names");
            }
            if (!targets.add(target)) {
                throw new MappingException(t.file(), e.line(), "target '" + target + "' twice");
            }
            out.put(e.requireString("element"), target);
        }
        for (String a : targets) {
            for (String b : targets) {
                if (b.startsWith(a + ".")) {
                    throw new MappingException(t.file(), 0, "target '" + a + "' is both a value and an object ('" + b + "')");
                }
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Map<String, Unit> units(MappingTable t) {
        Map<String, Unit> out = new LinkedHashMap<>();
        for (MappingEntry e : t.entries()) {
            String code = e.requireString("code");
            if (!code.matches("\\d{3}|\\d{5}")) {
                throw new MappingException(t.file(), e.line(), "code must be 3 digits (district) or 5 (commune)");
            }
            String level = e.requireString("level");
            if (!LEVELS.contains(level) || level.equals("district") != (code.length() == 3)) {
                throw new MappingException(t.file(), e.line(), "level must be district for 3 digits, commune for 5");
            }
            out.put(code, new Unit(code, level, e.requireString("agencyCode")));
        }
        return Map.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Status> statuses(MappingTable t) {
        Map<String, Status> out = new LinkedHashMap<>();
        for (MappingEntry e : t.entries()) {
            Object req = e.value("requires");
            if (!(req instanceof List<?> l) || !STATUS_FIELDS.containsAll(l)) {
                throw new MappingException(t.file(), e.line(), "requires must list fields of " + STATUS_FIELDS);
            }
            out.put(e.requireString("status"), new Status(e.requireString("status"), e.requireInt("trangThai"),
                    List.copyOf((List<String>) l), e.bool("final")));
        }
        return Map.copyOf(out);
    }

    private static List<Map.Entry<String, Outcome>> answers(MappingTable t) {
        List<Map.Entry<String, Outcome>> out = new ArrayList<>();
        for (MappingEntry e : t.entries()) {
            Outcome o;
            try {
                o = Outcome.valueOf(e.requireString("outcome"));
            } catch (IllegalArgumentException bad) {
                throw new MappingException(t.file(), e.line(), "outcome must be one of SUCCESS, FINAL, RETRY, PERMANENT");
            }
            out.add(Map.entry(e.requireString("phrase").toLowerCase(Locale.ROOT), o));
        }
        return List.copyOf(out);
    }

    private static Map<String, PushProcedure> pushProcedures(MappingTable t) {
        Map<String, PushProcedure> out = new LinkedHashMap<>();
        for (MappingEntry e : t.entries()) {
            String path = e.requireString("path");
            if (!path.startsWith("/")) {
                throw new MappingException(t.file(), e.line(), "path must start with /");
            }
            out.put(e.requireString("code"), new PushProcedure(e.requireString("code"), e.requireString("procedureCode"),
                    e.requireString("agencyCode"), path));
        }
        return Map.copyOf(out);
    }

    public String get(String key) { return protocol.setting(key); }
    public Optional<Module> module(String code) { return Optional.ofNullable(code == null ? null : modules.get(code)); }
    public Optional<Unit> unit(String code) { return Optional.ofNullable(code == null ? null : units.get(code)); }
    public Optional<Status> status(String word) { return Optional.ofNullable(word == null ? null : statuses.get(word)); }
    public Set<String> statusWords() { return statuses.keySet(); }
    public DateTimeFormatter dateTime() { return dateTime; }
    public Optional<PushProcedure> pushProcedure(String code) { return Optional.ofNullable(code == null ? null : pushProcedures.get(code)); }

    /** The local procedure of a national code at a unit's level. */
    public Optional<String> procedure(String nationalCode, String level) {
        return procedures.find(nationalCode).map(e -> e.string(level)).filter(s -> !s.isBlank());
    }

    /** The outcome of the first phrase found in the answer; RETRY when none is. */
    public Outcome judge(String answer) {
        String text = answer == null ? "" : answer.toLowerCase(Locale.ROOT);
        return answers.stream().filter(a -> text.contains(a.getKey())).map(Map.Entry::getValue).findFirst().orElse(Outcome.RETRY);
    }
}
