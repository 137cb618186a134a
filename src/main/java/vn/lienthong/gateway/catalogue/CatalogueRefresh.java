package vn.lienthong.gateway.catalogue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When the catalogue copy is refreshed ({@link CatalogueSync} does it): daily and at start when due, or on an
 * administrator's demand, on one instance at a time (a ShedLock row, as the retention purge).
 */
public class CatalogueRefresh {
    private static final Logger log = LoggerFactory.getLogger(CatalogueRefresh.class);
    static final String LOCK = "catalogue-refresh";

    /** Who asked for a refresh. */
    public enum Trigger { SCHEDULE, ADMIN, JMX }

    private final CatalogueSync sync;
    private final CatalogueStore store;
    private final ProcedureCatalogue catalogue;
    private final CatalogueProperties cfg;
    private final Clock clock;
    private final String instance;
    private final LockingTaskExecutor locks;
    private final JdbcTemplate jdbc;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile RefreshListener listener = r -> { };

    /** Told of every refresh this instance ran or skipped (metrics). */
    @FunctionalInterface
    public interface RefreshListener {
        void refreshed(RefreshReport report);
    }

    CatalogueRefresh(CataloguePortal portal, CatalogueStore store, ProcedureCatalogue catalogue, CatalogueProperties cfg,
                     DataSource dataSource, Clock clock, String instance) {
        this.sync = new CatalogueSync(portal, store, catalogue, cfg, clock, instance);
        this.store = store;
        this.catalogue = catalogue;
        this.cfg = cfg;
        this.clock = clock;
        this.instance = instance;
        this.jdbc = new JdbcTemplate(dataSource);
        this.locks = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).usingDbTime().withLockedByValue(Lenient.cut(instance, 255)).build()));
    }

    void listen(RefreshListener l) {
        this.listener = l;
    }

    /** Called by routes/catalogue.camel.yaml: take up another instance's refresh, and refresh when one is due. */
    public void tick() {
        catalogue.reloadIfRefreshed();
        if (cfg.isAutoRefresh() && due(clock.instant())) {
            refresh(Trigger.SCHEDULE, true);
        }
    }

    /** An administrator's refresh (JMX, /admin): runs now unless another one holds the lock, and answers its report. */
    public RefreshReport refresh(Trigger trigger) {
        return refresh(trigger, false);
    }

    public boolean isRunning() {
        return running.get();
    }

    private RefreshReport refresh(Trigger trigger, boolean onlyIfDue) {
        Instant now = clock.instant();
        if (!running.compareAndSet(false, true)) {
            return skipped(trigger, RefreshReport.skipped(trigger.name(), instance, now, instance));
        }
        try {
            LockingTaskExecutor.TaskResult<RefreshReport> r = locks.executeWithLock(
                    () -> onlyIfDue && !due(clock.instant()) ? null : sync.run(trigger.name()),
                    new LockConfiguration(now, LOCK, cfg.getLockAtMostFor(), Duration.ZERO));
            if (!r.wasExecuted()) {
                return skipped(trigger, RefreshReport.skipped(trigger.name(), instance, now, holder()));
            }
            if (r.getResult() != null) {
                listener.refreshed(r.getResult());
            }
            return r.getResult();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            running.set(false);
        }
    }

    private RefreshReport skipped(Trigger trigger, RefreshReport r) {
        log.info("catalogue refresh ({}) not run: {}", trigger, r.error());
        listener.refreshed(r);
        return r;
    }

    private String holder() {
        return jdbc.queryForList("SELECT locked_by FROM shedlock WHERE name = ?", String.class, LOCK).stream().findFirst().orElse(null);
    }

    /**
     * Due when the copy never got the list, or its last good refresh started before today's {@code daily-at} (in
     * its zone) that has passed; not while a refresh that could not get the list is younger than retry-after-failure.
     */
    boolean due(Instant now) {
        Optional<RefreshRecord> last = store.last(false);
        if (last.isPresent() && "FAILED".equals(last.get().outcome())
                && last.get().finishedAt().plus(cfg.getRetryAfterFailure()).isAfter(now)) {
            return false;
        }
        Optional<RefreshRecord> good = store.last(true);
        if (good.isEmpty()) {
            return true;
        }
        ZonedDateTime local = now.atZone(cfg.getZone());
        ZonedDateTime slot = LocalDate.from(local).atTime(cfg.getDailyAt()).atZone(cfg.getZone());
        if (slot.isAfter(local)) {
            slot = slot.minusDays(1);
        }
        return good.get().startedAt().isBefore(slot.toInstant());
    }
}
