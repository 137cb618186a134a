package vn.lienthong.gateway.catalogue;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import vn.lienthong.gateway.identifiers.Identifiers;

/**
 * An immutable snapshot of the catalogue copy for event checks: a map lookup per code. Rebuilt from the
 * database after each refresh and at start, and with each new mappings/procedures.yaml.
 *
 * <p>A code is looked up as mapped in procedures.yaml, then as it is, then by its bare national part
 * ({@code 1.003560} of {@code 1.003560.000.00.00.H56}); a bare code also finds a catalogue entry listed with
 * an agency suffix. Codes are otherwise opaque strings.
 */
public final class CatalogueIndex {
    private static final Comparator<CatalogueProcedure> PREFERRED = Comparator
            .comparing(CatalogueProcedure::withdrawn).thenComparing(CatalogueProcedure::code);

    private final Map<String, CatalogueProcedure> byCode;
    private final Map<String, CatalogueProcedure> byBareCode;
    private final ProcedureMap map;
    private final Instant refreshedAt;
    private final long published;

    private CatalogueIndex(Map<String, CatalogueProcedure> byCode, Map<String, CatalogueProcedure> byBareCode,
                           ProcedureMap map, Instant refreshedAt) {
        this.byCode = byCode;
        this.byBareCode = byBareCode;
        this.map = map;
        this.refreshedAt = refreshedAt;
        this.published = byCode.values().stream().filter(p -> !p.withdrawn()).count();
    }

    /** An index of the seed procedures of mappings/procedures.yaml alone, as on an install never refreshed. */
    public static CatalogueIndex seedOnly(ProcedureMap map) {
        return of(List.of(), map, null);
    }

    /** {@code refreshedAt}: when a refresh last got the portal's list; null when none ever did. */
    static CatalogueIndex of(List<CatalogueProcedure> procedures, ProcedureMap map, Instant refreshedAt) {
        Map<String, CatalogueProcedure> byCode = new HashMap<>();
        Map<String, CatalogueProcedure> byBare = new HashMap<>();
        for (CatalogueProcedure p : procedures) {
            byCode.put(p.code(), p);
            String bare = Identifiers.nationalProcedureCode(p.code());
            if (!bare.equals(p.code())) {
                byBare.merge(bare, p, (a, b) -> PREFERRED.compare(a, b) <= 0 ? a : b);
            }
        }
        return new CatalogueIndex(Map.copyOf(byCode), Map.copyOf(byBare), map, refreshedAt);
    }

    CatalogueIndex withMap(ProcedureMap next) {
        return new CatalogueIndex(byCode, byBareCode, next, refreshedAt);
    }

    public Resolution resolve(String code) {
        String mapped = map.national(code);
        CatalogueProcedure p = mapped != null ? find(mapped) : null;
        if (p == null) {
            p = find(code);
        }
        if (refreshedAt == null) {
            ProcedureMap.Names seed = names(map::seed, code, mapped);
            if (seed == null) {
                return new Resolution(Resolution.Outcome.NOT_LOADED, code, null, null);
            }
            return new Resolution(Resolution.Outcome.FOUND, code, new CatalogueProcedure(mapped != null ? mapped : code,
                    seed.name(), seed.fieldCode(), seed.fieldName(), false, null, false, List.of(), List.of(), List.of()), null);
        }
        if (p == null) {
            return new Resolution(Resolution.Outcome.UNKNOWN, code, null, refreshedAt);
        }
        ProcedureMap.Names o = names(map::override, code, mapped);
        if (o != null) {
            p = p.withNames(o.name() != null ? o.name() : p.name(), o.fieldCode() != null ? o.fieldCode() : p.domainCode(),
                    o.fieldName() != null ? o.fieldName() : p.domainName());
        }
        return new Resolution(p.withdrawn() ? Resolution.Outcome.WITHDRAWN : Resolution.Outcome.FOUND, code, p, refreshedAt);
    }

    /** The names procedures.yaml gives the code itself, else the code it is mapped to, else its national part. */
    private static ProcedureMap.Names names(Function<String, ProcedureMap.Names> table, String code, String mapped) {
        ProcedureMap.Names n = table.apply(code);
        if (n == null && mapped != null) {
            n = table.apply(mapped);
        }
        return n == null ? table.apply(Identifiers.nationalProcedureCode(code)) : n;
    }

    private CatalogueProcedure find(String code) {
        CatalogueProcedure p = byCode.get(code);
        if (p == null) {
            p = byBareCode.get(code);
        }
        String bare = Identifiers.nationalProcedureCode(code);
        if (p == null && !bare.equals(code)) {
            p = byCode.get(bare);
            if (p == null) {
                p = byBareCode.get(bare);
            }
        }
        return p;
    }

    /** A refresh ever got the portal's list. */
    public boolean loaded() {
        return refreshedAt != null;
    }

    public Instant refreshedAt() {
        return refreshedAt;
    }

    public int size() {
        return byCode.size();
    }

    public long published() {
        return published;
    }

    /** Codes overridden in procedures.yaml that the catalogue does not hold (they answer 422 like any unknown code). */
    public List<String> overridesNotInCatalogue() {
        return map.overriddenCodes().stream().filter(c -> loaded() && resolve(c).outcome() == Resolution.Outcome.UNKNOWN)
                .sorted().toList();
    }
}
