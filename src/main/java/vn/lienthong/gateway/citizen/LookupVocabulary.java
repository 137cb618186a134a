package vn.lienthong.gateway.citizen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import vn.lienthong.gateway.mapping.MappingEntry;
import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.MappingTable;
import vn.lienthong.gateway.mapping.Mappings;

/**
 * The lookup flows' typed view of mappings/: purposes (and which need sensitive fields), province codes of
 * personal IDs, population database fault codes and enterprise legal statuses. Built on start-up (a bad
 * table stops the start with file, line and reason) and again on every reload.
 */
public record LookupVocabulary(Map<String, Boolean> purposes, Set<String> provinceCodes,
                               Map<String, String> populationFaults, Map<String, String> legalStatuses) {
    private static final Set<String> FAULT_OUTCOMES = Set.of("NOT_FOUND", "INVALID", "UNAUTHORISED", "TRANSIENT");

    public static LookupVocabulary from(Mappings m) {
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        MappingTable p = m.table("lookup-purposes");
        for (MappingEntry e : p.entries()) {
            String code = e.requireString("code");
            if (!code.matches("[A-Z][A-Z0-9_]{1,63}")) {
                throw new MappingException(p.file(), e.line(), "purpose code '" + code + "' is not UPPER_SNAKE_CASE (at most 64)");
            }
            e.requireString("description");
            if (!(e.value("sensitive") instanceof Boolean b)) {
                throw new MappingException(p.file(), e.line(), "'sensitive' must be true or false");
            }
            purposes.put(code, b);
        }
        if (purposes.isEmpty()) {
            throw new MappingException(p.file(), 1, "no purpose");
        }
        Set<String> provinces = new TreeSet<>();
        MappingTable pc = m.table("province-codes");
        for (MappingEntry e : pc.entries()) {
            String code = e.requireString("code");
            if (!code.matches("\\d{3}")) {
                throw new MappingException(pc.file(), e.line(), "province code '" + code + "' is not 3 digits");
            }
            provinces.add(code);
        }
        Map<String, String> faults = new LinkedHashMap<>();
        MappingTable f = m.table("population-db-faults");
        for (MappingEntry e : f.entries()) {
            String outcome = e.requireString("outcome");
            if (!FAULT_OUTCOMES.contains(outcome)) {
                throw new MappingException(f.file(), e.line(), "outcome '" + outcome + "' is not one of " + FAULT_OUTCOMES);
            }
            faults.put(e.requireString("code"), outcome);
        }
        Map<String, String> statuses = new LinkedHashMap<>();
        MappingTable s = m.table("enterprise-legal-status");
        for (MappingEntry e : s.entries()) {
            statuses.put(e.requireString("code"), e.requireString("status"));
        }
        return new LookupVocabulary(Map.copyOf(purposes), Set.copyOf(provinces), Map.copyOf(faults), Map.copyOf(statuses));
    }
}
