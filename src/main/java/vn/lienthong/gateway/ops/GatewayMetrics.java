package vn.lienthong.gateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.SmartInitializingSingleton;

import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.Dispatcher;
import vn.lienthong.gateway.national.NationalCallObserver;

/**
 * The gateway's own series (documented in docs/operations.md, "Metrics"). Backlog gauges read the outbox through a
 * short-lived cache, so a scrape every few seconds costs one counts query per destination at most per
 * {@code cacheFor}.
 */
public class GatewayMetrics implements MeterBinder, NationalCallObserver, Dispatcher.BatchObserver,
        SmartInitializingSingleton {
    private final DeliveryEngine engine;
    private final DeliveryStore store;
    private final NationalSystems systems;
    private final Clock clock;
    private final Duration cacheFor;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;
    private final java.util.Set<String> boundSystems = ConcurrentHashMap.newKeySet();

    public GatewayMetrics(DeliveryEngine engine, DeliveryStore store, NationalSystems systems, Clock clock, Duration cacheFor) {
        this.engine = engine;
        this.store = store;
        this.systems = systems;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    /** One destination's outbox counts and oldest pending age, read together and kept {@code cacheFor}. */
    record Snapshot(Instant at, Map<DeliveryState, Long> counts, long oldestPendingSeconds) {
        long backlog() {
            return counts.get(DeliveryState.QUEUED) + counts.get(DeliveryState.RETRY_SCHEDULED);
        }
    }

    public Snapshot snapshot(String destination) {
        Instant now = clock.instant();
        Snapshot s = snapshots.get(destination);
        if (s == null || s.at().plus(cacheFor).isBefore(now)) {
            long oldest = store.oldestPending(destination)
                    .map(t -> Math.max(0, Duration.between(t, OffsetDateTime.now(clock)).toSeconds())).orElse(0L);
            s = new Snapshot(now, store.pendingCounts(destination), oldest);
            snapshots.put(destination, s);
        }
        return s;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        this.registry = r;
        for (String d : engine.destinations()) {
            Dispatcher disp = engine.dispatcher(d);
            Gauge.builder("lienthong.delivery.backlog", () -> snapshot(d).backlog())
                    .description("Events waiting for delivery (queued or scheduled for a retry)").tag("destination", d).register(r);
            Gauge.builder("lienthong.delivery.in.flight", () -> snapshot(d).counts().get(DeliveryState.IN_FLIGHT))
                    .description("Events claimed by a dispatcher and being delivered").tag("destination", d).register(r);
            Gauge.builder("lienthong.delivery.dead", () -> snapshot(d).counts().get(DeliveryState.DEAD))
                    .description("DEAD events blocking their dossier until replayed or skipped").tag("destination", d).register(r);
            Gauge.builder("lienthong.delivery.oldest.pending", () -> snapshot(d).oldestPendingSeconds())
                    .description("Age of the oldest event not yet delivered").baseUnit("seconds").tag("destination", d).register(r);
            Gauge.builder("lienthong.delivery.paused", () -> disp.isPaused() ? 1 : 0)
                    .description("1 while an administrator has paused delivery").tag("destination", d).register(r);
            counter(r, d, "delivered", disp, Dispatcher::deliveredTotal);
            counter(r, d, "failed", disp, Dispatcher::failedTotal);
            counter(r, d, "dead", disp, Dispatcher::deadTotal);
        }
        engine.observe(this);
        bindSystems(r);
    }

    /** Systems registered by beans created after the binding (lookup flows) get their gauges here. */
    @Override
    public void afterSingletonsInstantiated() {
        MeterRegistry r = registry;
        if (r != null) {
            bindSystems(r);
        }
    }

    private synchronized void bindSystems(MeterRegistry r) {
        for (NationalSystems.NationalSystem s : systems.all()) {
            if (!boundSystems.add(s.name())) {
                continue;
            }
            s.breaker().ifPresent(b -> Gauge.builder("lienthong.breaker.state", () -> NationalSystems.stateCode(b.getState()))
                    .description("Circuit breaker: 0 closed, 1 open, 2 half-open, 3 forced open, 4 disabled, 5 metrics only")
                    .tag("system", s.name()).register(r));
            s.breaker().ifPresent(b -> Gauge.builder("lienthong.breaker.open", s::breakerOpenSeconds)
                    .description("While the breaker is open: how long since it left closed (0 when closed or half-open)").baseUnit("seconds")
                    .tag("system", s.name()).register(r));
            s.rateLimiter().ifPresent(l -> Gauge.builder("lienthong.ratelimiter.available.permissions",
                            () -> l.getMetrics().getAvailablePermissions())
                    .description("Permits left in the current rate-limit period").tag("system", s.name()).register(r));
            s.bulkhead().ifPresent(b -> Gauge.builder("lienthong.bulkhead.available.calls",
                            () -> b.getMetrics().getAvailableConcurrentCalls())
                    .description("Concurrent calls the bulkhead still allows").tag("system", s.name()).register(r));
            s.cache().ifPresent(c -> Gauge.builder("lienthong.cache.hit.ratio", c::hitRatio)
                    .description("Cache hits over all look-ups, -1 before the first").tag("system", s.name()).register(r));
        }
    }

    private static void counter(MeterRegistry r, String destination, String outcome, Dispatcher d,
                                java.util.function.ToDoubleFunction<Dispatcher> f) {
        FunctionCounter.builder("lienthong.delivery.events", d, f)
                .description("Delivery attempts' outcomes since start: delivered, failed (an attempt), dead (given up)")
                .tags("destination", destination, "outcome", outcome).register(r);
    }

    @Override
    public void called(String system, String operation, String outcome, long nanos) {
        MeterRegistry r = registry;
        if (r != null) {
            Timer.builder("lienthong.national.call").description("Calls to national systems")
                    .tags("system", system, "operation", operation, "outcome", outcome)
                    .publishPercentileHistogram().register(r).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void delivered(String destination, int size, long nanos) {
        MeterRegistry r = registry;
        if (r != null) {
            Timer.builder("lienthong.delivery.batch").description("Time to deliver one batch to a destination")
                    .tag("destination", destination).publishPercentileHistogram().register(r)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A lookup answered by a national system (for the lookup flows): outcome found, not_found, refused,
     * unavailable, cached.
     */
    public void lookup(String system, String operation, String outcome) {
        MeterRegistry r = registry;
        if (r != null) {
            r.counter("lienthong.national.lookups", "system", system, "operation", operation, "outcome", outcome).increment();
        }
    }
}
