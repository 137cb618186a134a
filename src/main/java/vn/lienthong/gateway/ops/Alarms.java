package vn.lienthong.gateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.audit.LookupVolume;
import vn.lienthong.gateway.catalogue.CatalogueStatus;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.security.SecurityProperties;

/**
 * Conditions an operator must act on, checked by the route ops-alarms: a WARN line when one is raised
 * (repeated while it stays), an INFO line when it clears, and the gauge
 * {@code lienthong_alarm_active{alarm,subject}} (1 raised, 0 clear). What to do for each: docs/operations.md.
 */
public class Alarms {
    private static final Logger log = LoggerFactory.getLogger(Alarms.class);
    public static final String DEAD_LETTERS = "dead_letters";
    public static final String OLDEST_PENDING = "oldest_pending";
    public static final String BREAKER_OPEN = "breaker_open";
    public static final String LOOKUP_VOLUME = "lookup_volume";
    public static final String CATALOGUE_STALE = "catalogue_stale";

    private final DeliveryEngine engine;
    private final GatewayMetrics metrics;
    private final NationalSystems systems;
    private final OpsProperties.Alarms cfg;
    private final Clock clock;
    private final MeterRegistry registry;
    private final CatalogueStatus catalogue;
    /** alarm/subject to the time its WARN line was last written; absent while clear. */
    private final Map<String, Instant> raised = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();

    private final LookupVolume lookups;
    private final SecurityProperties clients;

    /** {@code lookups} may be null (no lookup flow): then no lookup volume alarm. */
    public Alarms(DeliveryEngine engine, GatewayMetrics metrics, NationalSystems systems, OpsProperties.Alarms cfg,
                  Clock clock, MeterRegistry registry, LookupVolume lookups, SecurityProperties clients,
                  CatalogueStatus catalogue) {
        this.lookups = lookups;
        this.clients = clients;
        this.engine = engine;
        this.metrics = metrics;
        this.systems = systems;
        this.cfg = cfg;
        this.clock = clock;
        this.registry = registry;
        this.catalogue = catalogue;
    }

    public void check() {
        for (String d : engine.destinations()) {
            GatewayMetrics.Snapshot s = metrics.snapshot(d);
            long dead = s.counts().get(DeliveryState.DEAD);
            set(DEAD_LETTERS, d, cfg.getDeadAbove() >= 0 && dead > cfg.getDeadAbove(),
                    dead + " DEAD events (threshold " + cfg.getDeadAbove() + "); their dossiers are blocked: inspect "
                            + "GET /admin/destinations/" + d + "/dead, fix the cause, then replay or skip");
            long age = s.oldestPendingSeconds();
            long limit = cfg.getOldestPendingAbove().toSeconds();
            set(OLDEST_PENDING, d, limit > 0 && age > limit,
                    "oldest undelivered event is " + age + "s old (threshold " + limit + "s), backlog " + s.backlog()
                            + "; check the breaker, Paused and the last errors of " + d);
        }
        for (NationalSystems.NationalSystem sys : systems.all()) {
            if (sys.breaker().isEmpty()) {
                continue;
            }
            long open = sys.breakerOpenSeconds();
            long limit = cfg.getBreakerOpenAbove().toSeconds();
            set(BREAKER_OPEN, sys.name(), limit > 0 && open > limit,
                    "circuit breaker " + sys.breaker().get().getState() + " for " + open + "s (threshold " + limit
                            + "s): " + sys.name() + " is failing or unreachable; calls are held back until it recovers");
        }
        checkCatalogue();
        if (lookups != null) {
            try {
                checkLookupVolume();
            } catch (org.springframework.dao.DataAccessException e) {
                log.warn("lookup volume not checked: the audit log cannot be read ({})", e.getClass().getSimpleName());
            }
        }
    }

    /** Every client's citizen lookups of the last hour against its threshold (a leaked key harvesting records). */
    private void checkLookupVolume() {
        Map<String, Long> counts = lookups.byClient(Duration.ofHours(1));
        java.util.Set<String> subjects = new java.util.TreeSet<>(counts.keySet());
        clients.getApiKeys().forEach(k -> subjects.add(k.getClientId()));
        raised.keySet().stream().filter(k -> k.startsWith(LOOKUP_VOLUME + "/"))
                .forEach(k -> subjects.add(k.substring(LOOKUP_VOLUME.length() + 1)));
        for (String client : subjects) {
            long n = counts.getOrDefault(client, 0L);
            int limit = clients.getApiKeys().stream().filter(k -> client.equals(k.getClientId())).findFirst()
                    .map(clients::lookupsPerHourAlarm).orElse(clients.getDefaultLookupsPerHourAlarm());
            if (n > 0 || raised.containsKey(LOOKUP_VOLUME + "/" + client)) {
                set(LOOKUP_VOLUME, client, limit > 0 && n > limit, n + " citizen lookups and verifications in the last hour"
                        + " (threshold " + limit + "): check with the client whether they are its officers' work; a leaked"
                        + " key is revoked by removing it from gateway.security.api-keys");
            }
        }
    }

    /** catalogue_stale: no refresh got the portal's list for longer than the threshold (counted from start if none ever did). */
    private void checkCatalogue() {
        if (catalogue == null) {
            return;
        }
        Duration stale = catalogue.staleFor();
        Duration limit = cfg.getCatalogueOlderThan();
        set(CATALOGUE_STALE, "national-portal", !limit.isZero() && stale.compareTo(limit) > 0,
                (catalogue.index().loaded() ? "the procedure catalogue copy is " + stale.toHours() + " h old"
                        : "the procedure catalogue was never loaded (" + stale.toHours() + " h since start)")
                        + " (threshold " + limit.toHours() + " h); last refresh: " + catalogue.lastRefresh()
                        .map(r -> r.outcome() + (r.error() == null ? "" : " " + r.error())).orElse("none")
                        + "; check the portal and GET /admin/catalogue, then POST /admin/catalogue/refresh");
    }

    /**
     * Raises or clears an alarm a flow detects itself (a payment confirmed for another amount than asked): the same WARN
     * line, repeat interval and gauge as the alarms checked here. The flow reports it clear when the condition is gone.
     */
    public void report(String alarm, String subject, boolean on, String detail) {
        set(alarm, subject, on, detail);
    }

    /** Whether the alarm is raised (for tests and /admin). */
    public boolean isRaised(String alarm, String subject) {
        return raised.containsKey(alarm + "/" + subject);
    }

    private void set(String alarm, String subject, boolean on, String detail) {
        String key = alarm + "/" + subject;
        gauges.computeIfAbsent(key, k -> {
            Gauge.builder("lienthong.alarm.active", () -> raised.containsKey(k) ? 1 : 0)
                    .description("1 while the alarm is raised (thresholds: gateway.ops.alarms.*)")
                    .tags("alarm", alarm, "subject", subject).register(registry);
            return Boolean.TRUE;
        });
        Instant now = clock.instant();
        if (on) {
            Instant last = raised.get(key);
            if (last == null || !last.plus(cfg.getRepeatEvery()).isAfter(now)) {
                log.warn("ALARM {} {}: {}", alarm, subject, detail);
                raised.put(key, now);
            }
        } else if (raised.remove(key) != null) {
            log.info("alarm {} {} cleared", alarm, subject);
        }
    }
}
