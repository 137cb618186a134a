package vn.lienthong.gateway.catalogue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.lienthong.gateway.mapping.MappingEntry;
import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.MappingTable;
import vn.lienthong.gateway.mapping.Mappings;

/**
 * mappings/procedures.yaml: what the province knows that the national catalogue does not. A local code's
 * catalogue code ({@code national}), the province's own names ({@code use: override}), and the names that
 * serve before the catalogue was ever refreshed ({@code use: seed}). Building it is the start-up and reload
 * check of that file.
 */
public final class ProcedureMap {
    public static final String TABLE = "procedures";
    private static final Set<String> COLUMNS = Set.of("code", "national", "use", "name", "fieldCode", "fieldName", "note");
    private static final int MAX_CODE = ProcedureParser.MAX_CODE;

    /** Names of one code: any of them may be null in an override (the catalogue's stays). */
    public record Names(String name, String fieldCode, String fieldName) {
    }

    private final Map<String, String> national;
    private final Map<String, Names> overrides;
    private final Map<String, Names> seeds;

    private ProcedureMap(Map<String, String> national, Map<String, Names> overrides, Map<String, Names> seeds) {
        this.national = Map.copyOf(national);
        this.overrides = Map.copyOf(overrides);
        this.seeds = Map.copyOf(seeds);
    }

    public static ProcedureMap from(Mappings m) {
        MappingTable t = m.table(TABLE);
        if (!"code".equals(t.key())) {
            throw new MappingException(t.file(), 1, "the header must say key: code");
        }
        Map<String, String> national = new HashMap<>();
        Map<String, Names> overrides = new HashMap<>();
        Map<String, Names> seeds = new HashMap<>();
        for (MappingEntry e : t.entries()) {
            for (String column : e.values().keySet()) {
                if (!COLUMNS.contains(column)) {
                    throw new MappingException(t.file(), e.line(), "unknown column '" + column + "' (known: " + COLUMNS + ")");
                }
            }
            String code = e.requireString("code");
            checkCode(t, e, code);
            String target = e.string("national");
            if (target != null) {
                checkCode(t, e, target);
                if (target.equals(code)) {
                    throw new MappingException(t.file(), e.line(), "national equals code");
                }
                national.put(code, target);
            }
            Names names = new Names(e.string("name"), e.string("fieldCode"), e.string("fieldName"));
            boolean hasNames = names.name() != null || names.fieldCode() != null || names.fieldName() != null;
            String use = e.string("use");
            if (use == null) {
                if (hasNames) {
                    throw new MappingException(t.file(), e.line(), "names need 'use: override' or 'use: seed'");
                }
            } else if (use.equals("override")) {
                if (!hasNames) {
                    throw new MappingException(t.file(), e.line(), "an override needs name, fieldCode or fieldName");
                }
                overrides.put(code, names);
            } else if (use.equals("seed")) {
                for (String column : List.of("name", "fieldCode", "fieldName")) {
                    e.requireString(column);
                }
                seeds.put(code, names);
            } else {
                throw new MappingException(t.file(), e.line(), "use must be override or seed, not '" + use + "'");
            }
        }
        for (Map.Entry<String, String> n : national.entrySet()) {
            if (national.containsKey(n.getValue())) {
                throw new MappingException(t.file(), t.find(n.getKey()).get().line(), "national " + n.getValue()
                        + " is itself mapped: write its final catalogue code");
            }
        }
        return new ProcedureMap(national, overrides, seeds);
    }

    private static void checkCode(MappingTable t, MappingEntry e, String code) {
        if (code.isBlank() || code.length() > MAX_CODE || !code.equals(code.strip())) {
            throw new MappingException(t.file(), e.line(), "'" + code + "' is not a procedure code (1-" + MAX_CODE
                    + " characters, no surrounding spaces)");
        }
    }

    /** The catalogue code a local code stands for, or null when it is looked up as it is. */
    public String national(String code) {
        return national.get(code);
    }

    public Names override(String code) {
        return overrides.get(code);
    }

    public Names seed(String code) {
        return seeds.get(code);
    }

    public Set<String> overriddenCodes() {
        return overrides.keySet();
    }

    public int mapped() {
        return national.size();
    }
}
