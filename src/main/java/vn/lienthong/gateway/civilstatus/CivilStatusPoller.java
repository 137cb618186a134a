package vn.lienthong.gateway.civilstatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.delivery.AcceptOutcome;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.delivery.RequestHash;

/**
 * Every poll-interval (routes/civil-status.camel.yaml), on one instance at a time (a ShedLock row): asks the service
 * for its waiting dossiers (LayDanhSachHoSo) and commits one intake event per dossier, keyed by its portal code, for
 * {@link IntakeDestination} to take in. A dossier listed again is recognised: one that was taken in and acknowledged
 * before (the service did not take the acknowledgement) is acknowledged again, never stored twice.
 */
public class CivilStatusPoller {
    private static final Logger log = LoggerFactory.getLogger(CivilStatusPoller.class);
    static final String LOCK = "civil-status-poll";

    /** What one poll did. */
    public record Report(int listed, int added, int repeats, int unusable, int acknowledgedAgain) {
        static final Report NONE = new Report(0, 0, 0, 0, 0);
    }

    private final CivilStatusClient client;
    private final Supplier<CivilStatusVocabulary> vocab;
    private final DeliveryStore store;
    private final DeliveryEngine engine;
    private final Intake intake;
    private final CivilStatusProperties cfg;
    private final LockingTaskExecutor locks;
    private final Clock clock;

    CivilStatusPoller(CivilStatusClient client, Supplier<CivilStatusVocabulary> vocab, DeliveryStore store, DeliveryEngine engine,
                      Intake intake, CivilStatusProperties cfg, DataSource dataSource, Clock clock) {
        this.client = client;
        this.vocab = vocab;
        this.store = store;
        this.engine = engine;
        this.intake = intake;
        this.cfg = cfg;
        this.clock = clock;
        this.locks = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build()));
    }

    /** Called by the timer; polls only when the flow is enabled, and never throws. */
    public void tick() {
        if (!cfg.isEnabled()) {
            return;
        }
        try {
            Report r = pollWithLock();
            if (r.listed() > 0) {
                log.info("civil-status poll: {} listed, {} new, {} known, {} unusable, {} acknowledged again", r.listed(),
                        r.added(), r.repeats(), r.unusable(), r.acknowledgedAgain());
            }
            intake.sweep();
        } catch (NationalFailure e) {
            log.warn("polling the civil-status service failed ({}); trying again next tick", e.getMessage());
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("civil-status poll not stored ({}); the dossiers stay listed and are taken next tick", e.getClass().getSimpleName());
        }
    }

    /** One poll if no other instance is polling now; the report of what it did, or nothing. */
    public Report pollWithLock() {
        Report[] report = {Report.NONE};
        locks.executeWithLock((Runnable) () -> report[0] = pollOnce(),
                new LockConfiguration(Instant.now(clock), LOCK, cfg.getPollLockAtMostFor(), Duration.ZERO));
        return report[0];
    }

    Report pollOnce() {
        CivilStatusVocabulary v = vocab.get();
        JsonNode items = client.list();
        List<NewEvent> events = new ArrayList<>();
        int unusable = 0;
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (JsonNode item : items) {
            ListedDossier d = ListedDossier.from(item, v);
            if (d == null) {
                unusable++;
                log.warn("civil-status list item without a usable {} or {}: left at the service", v.get("item.code"), v.get("item.id"));
                continue;
            }
            String key = "intake:" + d.portalCode();
            events.add(new NewEvent(OneStopDossiers.SOURCE, key, RequestHash.of(JsonNodeFactory.instance.textNode(key)),
                    IntakeDestination.NAME, d.portalCode(), IntakeDestination.EVENT_TYPE, "TAKE_IN", IntakeDestination.NAME,
                    d.toJson(), now));
        }
        int added = 0;
        int repeats = 0;
        int again = 0;
        if (!events.isEmpty()) {
            for (AcceptOutcome o : store.accept(events)) {
                if (o.kind() == AcceptOutcome.Kind.ACCEPTED) {
                    added++;
                    continue;
                }
                repeats++;
                if (o.event().state() == DeliveryState.DELIVERED && acknowledgeAgain(o.event().partitionKey())) {
                    again++;
                }
            }
            engine.wake(IntakeDestination.NAME);
        }
        return new Report(items.size(), added, repeats, unusable, again);
    }

    private boolean acknowledgeAgain(String portalCode) {
        try {
            return intake.acknowledge(portalCode);
        } catch (NationalFailure e) {
            log.warn("civil-status dossier {}: acknowledging again failed ({}); next poll tries again", portalCode, e.getMessage());
            return false;
        }
    }
}
