package vn.lienthong.gateway.catalogue;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The {@code lienthong_catalogue_*} series: the copy's size and age, and what each refresh of this instance did.
 */
public class CatalogueMetrics implements MeterBinder, CatalogueRefresh.RefreshListener {
    private final CatalogueStatus status;
    private volatile MeterRegistry registry;
    private volatile int lastFailed;

    CatalogueMetrics(CatalogueStatus status) {
        this.status = status;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        this.registry = r;
        Gauge.builder("lienthong.catalogue.procedures", status, s -> s.index().published())
                .description("Procedures in the catalogue copy").tag("state", "published").register(r);
        Gauge.builder("lienthong.catalogue.procedures", status, s -> s.index().size() - s.index().published())
                .description("Procedures in the catalogue copy").tag("state", "withdrawn").register(r);
        Gauge.builder("lienthong.catalogue.age", status, CatalogueStatus::ageSeconds).baseUnit("seconds")
                .description("Time since the last refresh that got the portal's list finished; -1 while none did").register(r);
        Gauge.builder("lienthong.catalogue.loaded", status, s -> s.index().loaded() ? 1 : 0)
                .description("1 once a refresh got the portal's list (before: only the seeds of mappings/procedures.yaml serve)")
                .register(r);
        Gauge.builder("lienthong.catalogue.refresh.running", status, s -> s.running() ? 1 : 0)
                .description("1 while a refresh runs on this instance").register(r);
        Gauge.builder("lienthong.catalogue.last.refresh.failed", this, m -> m.lastFailed)
                .description("Procedures whose LayThuTuc answer could not be used in this instance's last refresh").register(r);
    }

    @Override
    public void refreshed(RefreshReport report) {
        status.refreshed();
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        Counter.builder("lienthong.catalogue.refreshes").description("Refreshes by outcome (SKIPPED: another held the lock)")
                .tag("outcome", report.outcome().name().toLowerCase()).register(r).increment();
        if (report.outcome() == RefreshReport.Outcome.SKIPPED) {
            return;
        }
        Timer.builder("lienthong.catalogue.refresh").description("Duration of a refresh").register(r)
                .record((long) (report.seconds() * 1000), TimeUnit.MILLISECONDS);
        change(r, "added", report.added().size());
        change(r, "changed", report.changed().size());
        change(r, "withdrawn", report.withdrawn().size());
        for (CatalogueAnswerException.Kind kind : CatalogueAnswerException.Kind.values()) {
            long n = report.failed().stream().filter(f -> f.kind() == kind).count();
            Counter.builder("lienthong.catalogue.detail.failures")
                    .description("LayThuTuc answers that could not be used (the previous copy stayed), by kind")
                    .tag("kind", kind.name().toLowerCase()).register(r).increment(n);
        }
        lastFailed = report.failed().size();
    }

    private static void change(MeterRegistry r, String change, int n) {
        Counter.builder("lienthong.catalogue.changes").description("Procedures added, changed or withdrawn by refreshes")
                .tag("change", change).register(r).increment(n);
    }
}
