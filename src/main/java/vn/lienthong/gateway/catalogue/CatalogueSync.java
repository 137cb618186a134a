package vn.lienthong.gateway.catalogue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh of the catalogue copy, run by {@link CatalogueRefresh} under the cluster-wide lock: the list,
 * withdrawals of what it lacks, the domains and agencies, then LayThuTuc for every listed procedure, each stored
 * in its own transaction. A refresh that cannot get the list changes nothing; a LayThuTuc answer that is
 * malformed, empty or refused leaves that procedure's previous copy and is counted.
 */
class CatalogueSync {
    private static final Logger log = LoggerFactory.getLogger(CatalogueSync.class);
    /** After this many LayThuTuc calls in a row got no answer, the portal is taken as down and the rest is not asked. */
    private static final int UNAVAILABLE_IN_A_ROW = 20;

    private final CataloguePortal portal;
    private final CatalogueStore store;
    private final ProcedureCatalogue catalogue;
    private final CatalogueProperties cfg;
    private final Clock clock;
    private final String instance;

    CatalogueSync(CataloguePortal portal, CatalogueStore store, ProcedureCatalogue catalogue, CatalogueProperties cfg,
                  Clock clock, String instance) {
        this.portal = portal;
        this.store = store;
        this.catalogue = catalogue;
        this.cfg = cfg;
        this.clock = clock;
        this.instance = instance;
    }

    /** One refresh; {@code trigger} names who asked (SCHEDULE, ADMIN, JMX). */
    RefreshReport run(String trigger) {
        Instant start = clock.instant();
        RefreshReport r = new RefreshReport(store.begin(trigger, instance, start), trigger, instance, start);
        int callsBefore = portal.calls();
        log.info("catalogue refresh #{} ({}) started", r.id(), trigger);
        try {
            CatalogueLists.Entries<CatalogueLists.Listed> listed;
            try {
                listed = CatalogueLists.procedures(portal.list(CataloguePortal.LIST));
            } catch (CatalogueAnswerException e) {
                return finish(r, RefreshReport.Outcome.FAILED, "LayDanhSachTTHC: " + e.getMessage() + "; nothing changed", callsBefore);
            }
            if (listed.byCode().isEmpty()) {
                return finish(r, RefreshReport.Outcome.FAILED, "LayDanhSachTTHC listed no procedure"
                        + (listed.skipped().isEmpty() ? "" : " usable (" + listed.skipped().size() + " entries skipped)")
                        + "; nothing changed", callsBefore);
            }
            r.listed(listed.byCode().size());
            listed.skipped().stream().limit(RefreshReport.MAX_CODES).forEach(s -> r.note("LayDanhSachTTHC entry skipped: " + s));
            Map<String, CatalogueStore.Stored> before = store.states();
            withdrawUnlisted(listed.byCode(), before, r);
            boolean dictionaries = dictionary(r, CataloguePortal.DOMAINS, "catalogue_domain", List.of("code", "name", "sector"),
                    CatalogueLists::domains, d -> row(d.code(), d.name(), "sector", d.sector()))
                    & dictionary(r, CataloguePortal.AGENCIES, "catalogue_agency", List.of("code", "name", "agency_level"),
                    CatalogueLists::agencies, a -> row(a.code(), a.name(), "agency_level", a.level()));
            details(new ArrayList<>(listed.byCode().values()), before, r, start.plus(cfg.getLockAtMostFor().multipliedBy(9).dividedBy(10)));
            return finish(r, r.failed().isEmpty() && dictionaries ? RefreshReport.Outcome.OK : RefreshReport.Outcome.PARTIAL,
                    null, callsBefore);
        } catch (RuntimeException e) {
            log.error("catalogue refresh #{} stopped by an unexpected failure", r.id(), e);
            boolean changed = !r.added().isEmpty() || !r.changed().isEmpty() || !r.withdrawn().isEmpty();
            return finish(r, changed ? RefreshReport.Outcome.PARTIAL : RefreshReport.Outcome.FAILED,
                    "stopped: " + e.getMessage(), callsBefore);
        }
    }

    private void withdrawUnlisted(Map<String, CatalogueLists.Listed> listed, Map<String, CatalogueStore.Stored> before,
                                  RefreshReport r) {
        List<String> gone = before.values().stream().filter(s -> !s.withdrawn() && !listed.containsKey(s.code()))
                .map(CatalogueStore.Stored::code).sorted().toList();
        long published = before.values().stream().filter(s -> !s.withdrawn()).count();
        if (gone.isEmpty()) {
            return;
        }
        if (gone.size() > cfg.getMaxWithdrawnShare() * published) {
            r.withdrawalsHeldBack(gone.size());
            String note = "LayDanhSachTTHC lacks " + gone.size() + " of " + published + " published procedures (more than "
                    + Math.round(cfg.getMaxWithdrawnShare() * 100) + " %): none withdrawn, as a portal fault is likelier;"
                    + " if the portal did withdraw them, refresh once with gateway.catalogue.max-withdrawn-share raised";
            r.note(note);
            log.warn("catalogue refresh #{}: {}", r.id(), note);
            return;
        }
        String reason = "not in LayDanhSachTTHC since " + LocalDate.ofInstant(clock.instant(), cfg.getZone());
        for (String code : gone) {
            store.setWithdrawn(code, reason, clock.instant());
            r.withdrawn(code);
        }
    }

    private static Map<String, Object> row(String code, String name, String column, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put(column, value);
        return m;
    }

    /** A dictionary service into its table; false (and a note) when its answer could not be used (the previous rows stay). */
    private <T> boolean dictionary(RefreshReport r, String serviceKey, String table, List<String> columns,
                                   Function<JsonNode, CatalogueLists.Entries<T>> read,
                                   Function<T, Map<String, Object>> toRow) {
        try {
            CatalogueLists.Entries<T> entries = read.apply(portal.list(serviceKey));
            if (entries.byCode().isEmpty()) {
                throw new CatalogueAnswerException(CatalogueAnswerException.Kind.EMPTY, "no usable entry");
            }
            int[] counts = store.saveDictionary(table, entries.byCode().values().stream().map(toRow).toList(), columns, clock.instant());
            r.note(table + ": " + entries.byCode().size() + " listed, " + counts[0] + " added, " + counts[1] + " changed"
                    + (entries.skipped().isEmpty() ? "" : ", " + entries.skipped().size() + " entries skipped"));
            return true;
        } catch (CatalogueAnswerException e) {
            r.note(table + " kept as it was: " + e.getMessage());
            return false;
        }
    }

    /**
     * LayThuTuc for every listed procedure, {@code parallelism} at a time, until the deadline; those that got no
     * answer are asked once more at the end. After {@value #UNAVAILABLE_IN_A_ROW} unanswered calls in a row the
     * portal is taken as down and the rest keep their previous copy.
     */
    private void details(List<CatalogueLists.Listed> listed, Map<String, CatalogueStore.Stored> before, RefreshReport r,
                         Instant deadline) {
        ConcurrentLinkedQueue<CatalogueLists.Listed> again = new ConcurrentLinkedQueue<>();
        AtomicInteger unanswered = new AtomicInteger();
        for (boolean firstPass : new boolean[] {true, false}) {
            ConcurrentLinkedQueue<CatalogueLists.Listed> queue = new ConcurrentLinkedQueue<>(firstPass ? listed : again);
            if (!firstPass && !queue.isEmpty()) {
                log.info("catalogue refresh #{}: asking again the {} procedures that got no answer", r.id(), queue.size());
            }
            work(queue.size(), () -> {
                for (CatalogueLists.Listed l; (l = queue.poll()) != null; ) {
                    CatalogueStore.Stored old = before.get(l.code());
                    if (unanswered.get() >= UNAVAILABLE_IN_A_ROW || clock.instant().isAfter(deadline)) {
                        keepPrevious(l, old, r, CatalogueAnswerException.Kind.UNAVAILABLE, unanswered.get() >= UNAVAILABLE_IN_A_ROW
                                ? "not asked: the portal stopped answering" : "not asked: the refresh ran out of its lock time");
                        continue;
                    }
                    CatalogueAnswerException.Kind failure = refreshOne(l, old, r, firstPass);
                    if (failure == CatalogueAnswerException.Kind.UNAVAILABLE) {
                        unanswered.incrementAndGet();
                        if (firstPass) {
                            again.add(l);
                        }
                    } else {
                        unanswered.set(0);
                    }
                }
            });
        }
    }

    private void work(int items, Runnable worker) {
        int n = Math.max(1, Math.min(cfg.getParallelism(), items));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(worker, "catalogue-refresh-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while refreshing the catalogue", e);
            }
        }
    }

    /**
     * One procedure: its LayThuTuc answer replaces the stored copy when its content or state changed. Answers the
     * kind of failure, or null. With {@code firstTry}, an unanswered call is left to the second pass (not counted yet).
     */
    private CatalogueAnswerException.Kind refreshOne(CatalogueLists.Listed l, CatalogueStore.Stored old, RefreshReport r,
                                                     boolean firstTry) {
        ProcedureParser.Parsed parsed;
        try {
            parsed = ProcedureParser.parse(l.code(), portal.procedure(l.code()));
        } catch (CatalogueAnswerException e) {
            if (!(firstTry && e.kind() == CatalogueAnswerException.Kind.UNAVAILABLE)) {
                keepPrevious(l, old, r, e.kind(), e.getMessage());
            }
            return e.kind();
        }
        String reason = parsed.published() ? null : "TRANGTHAI " + parsed.publication() + ": not published";
        if (old != null && parsed.hash().equals(old.hash()) && (reason != null) == old.withdrawn()) {
            r.countUnchanged();
            return null;
        }
        store.saveDetail(parsed, old, reason, clock.instant());
        if (old == null) {
            r.added(l.code());
        } else if (reason != null && !old.withdrawn()) {
            r.withdrawn(l.code());
        } else {
            r.changed(l.code());
        }
        return null;
    }

    /**
     * A procedure whose answer could not be used keeps its previous copy; one seen for the first time is known by
     * its listed name, and one withdrawn for not being listed is published again (it is listed now).
     */
    private void keepPrevious(CatalogueLists.Listed l, CatalogueStore.Stored old, RefreshReport r,
                              CatalogueAnswerException.Kind kind, String why) {
        r.failed(l.code(), kind, why);
        if (old == null) {
            store.addListed(l, clock.instant());
            r.added(l.code());
        } else if (old.withdrawn() && old.published()) {
            store.setWithdrawn(l.code(), null, clock.instant());
            r.changed(l.code());
        }
    }

    private RefreshReport finish(RefreshReport r, RefreshReport.Outcome outcome, String error, int callsBefore) {
        r.finish(outcome, error, portal.calls() - callsBefore, clock.instant());
        try {
            store.finish(r, clock.instant());
        } catch (RuntimeException e) {
            log.error("catalogue refresh #{}: its report could not be stored", r.id(), e);
        }
        if (outcome == RefreshReport.Outcome.OK) {
            log.info(r.summary());
        } else {
            log.warn(r.summary());
        }
        catalogue.reload();
        return r;
    }
}
