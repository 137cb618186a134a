package vn.lienthong.gateway.catalogue;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.mapping.MappingCheck;
import vn.lienthong.gateway.mapping.MappingRegistry;

/**
 * The catalogue as the rest of the gateway reads it: an in-memory index over the database copy, so checking an
 * event's procedure is a map lookup. The index is rebuilt at start, after each refresh of this instance, when a
 * check finds that another instance refreshed, and with each new mappings/procedures.yaml.
 *
 * <p>Read API for the record builder and validators: {@link #resolve} (what an event's code stands for) and
 * {@link #procedure} (a procedure's names, component codes, result codes, processing times and fees).
 */
public class ProcedureCatalogue {
    private static final Logger log = LoggerFactory.getLogger(ProcedureCatalogue.class);
    /** The start-up and reload check of what the catalogue reads in mappings/: procedures.yaml and its portal names. */
    public static final MappingCheck MAPPINGS = m -> {
        ProcedureMap.from(m);
        CataloguePortal.check(m);
    };

    private final CatalogueStore store;
    private volatile ProcedureMap map;
    private volatile CatalogueIndex index;
    private volatile long refreshId;

    ProcedureCatalogue(CatalogueStore store, MappingRegistry mappings) {
        this.store = store;
        mappings.onChange(m -> {
            ProcedureMap next = ProcedureMap.from(m);
            synchronized (this) {
                map = next;
                if (index != null) {
                    index = index.withMap(next);
                }
            }
        });
        reload();
    }

    /** Rebuilds the index from the database. */
    public synchronized void reload() {
        Optional<RefreshRecord> good = store.last(true);
        List<CatalogueProcedure> all = store.loadAll();
        index = CatalogueIndex.of(all, map, good.map(RefreshRecord::finishedAt).orElse(null));
        refreshId = good.map(RefreshRecord::id).orElse(0L);
    }

    /** Rebuilds the index when a refresh finished (here or on another instance) after the one it reflects. */
    void reloadIfRefreshed() {
        long latest = store.last(true).map(RefreshRecord::id).orElse(0L);
        if (latest != refreshId) {
            reload();
            log.info("catalogue index rebuilt from refresh #{}: {} procedures, {} published", latest, index.size(), index.published());
        }
    }

    /** The snapshot in use; resolving against one snapshot gives answers that agree with each other. */
    public CatalogueIndex index() {
        return index;
    }

    /** What the catalogue says about a code an event carries (mapped, as is, or by its bare national part). */
    public Resolution resolve(String code) {
        return index.resolve(code);
    }

    /** The procedure a code stands for, published or withdrawn; empty when unknown or while the catalogue is not loaded. */
    public Optional<CatalogueProcedure> procedure(String code) {
        Resolution r = index.resolve(code);
        return r.outcome() == Resolution.Outcome.FOUND || r.outcome() == Resolution.Outcome.WITHDRAWN
                ? Optional.of(r.procedure()) : Optional.empty();
    }

    /** The raw LayThuTuc answer stored for a catalogue code (for operators). */
    public Optional<String> rawAnswer(String catalogueCode) {
        return store.raw(catalogueCode);
    }
}
