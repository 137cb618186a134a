package vn.lienthong.gateway.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;

import vn.lienthong.gateway.national.guard.NationalGuard;

/**
 * The national systems (and the one-stop system) the gateway calls, each with the guards its flow uses:
 * circuit breaker, rate limiter, bulkhead, cache. A flow registers what it has; JMX
 * ({@code vn.lienthong.gateway:type=NationalSystem,name=<name>}), metrics, health and alarms read it here.
 */
public class NationalSystems {
    private final Map<String, NationalSystem> systems = new ConcurrentHashMap<>();
    private final Clock clock;

    public NationalSystems(Clock clock) {
        this.clock = clock;
    }

    /** Registers a lookup system's guard (JMX type=NationalSystem, gauges, health, breaker alarm) and times its calls. */
    public NationalGuard observe(NationalGuard guard, GatewayMetrics metrics) {
        register(guard);
        guard.observe((outcome, nanos) -> metrics.called(guard.name(), "lookup", outcome, nanos));
        return guard;
    }

    /** Registers a guard's breaker, bulkhead and quota under its name; its calls are timed by its caller. */
    public NationalSystem register(NationalGuard guard) {
        return register(guard.name()).withCircuitBreaker(guard.breaker()).withBulkhead(guard.bulkhead())
                .withRateLimiter(guard.rateLimiter());
    }

    /** The entry of {@code name}, created on first use; a flow adds its guards with the {@code with…} methods. */
    public NationalSystem register(String name) {
        return systems.computeIfAbsent(name, n -> new NationalSystem(n, clock));
    }

    public Optional<NationalSystem> find(String name) {
        return Optional.ofNullable(systems.get(name));
    }

    public Collection<NationalSystem> all() {
        return systems.values().stream().sorted(java.util.Comparator.comparing(NationalSystem::name)).toList();
    }

    /** One system and its guards; any guard may be absent. */
    public static final class NationalSystem {
        private final String name;
        private final Clock clock;
        private volatile CircuitBreaker breaker;
        private volatile RateLimiter rateLimiter;
        private volatile Bulkhead bulkhead;
        private volatile CacheCounts cache;
        /** When the breaker last left CLOSED (null while closed): how long it has been open, for alarms. */
        private volatile Instant breakerNotClosedSince;

        NationalSystem(String name, Clock clock) {
            this.name = name;
            this.clock = clock;
        }

        public NationalSystem withCircuitBreaker(CircuitBreaker b) {
            this.breaker = b;
            if (b.getState() != CircuitBreaker.State.CLOSED) {
                breakerNotClosedSince = clock.instant();
            }
            b.getEventPublisher().onStateTransition(e -> breakerNotClosedSince =
                    e.getStateTransition().getToState() == CircuitBreaker.State.CLOSED ? null
                            : breakerNotClosedSince != null ? breakerNotClosedSince : clock.instant());
            return this;
        }

        public NationalSystem withRateLimiter(RateLimiter r) {
            this.rateLimiter = r;
            return this;
        }

        public NationalSystem withBulkhead(Bulkhead b) {
            this.bulkhead = b;
            return this;
        }

        /**
         * A cache's hit and miss counts, e.g. for Caffeine {@code () -> cache.stats().hitCount()} and
         * {@code () -> cache.stats().missCount()} (the cache built with {@code recordStats()}).
         */
        public NationalSystem withCache(LongSupplier hits, LongSupplier misses) {
            this.cache = new CacheCounts(hits, misses);
            return this;
        }

        public String name() { return name; }
        public Optional<CircuitBreaker> breaker() { return Optional.ofNullable(breaker); }
        public Optional<RateLimiter> rateLimiter() { return Optional.ofNullable(rateLimiter); }
        public Optional<Bulkhead> bulkhead() { return Optional.ofNullable(bulkhead); }
        public Optional<CacheCounts> cache() { return Optional.ofNullable(cache); }

        /**
         * While the breaker refuses calls (OPEN, FORCED_OPEN): seconds since it left CLOSED, so a flapping
         * OPEN / HALF_OPEN / OPEN keeps counting. 0 while closed, and while half-open: a trial may be all that
         * is missing (a quiet destination sends none), which is no outage.
         */
        public long breakerOpenSeconds() {
            Instant since = breakerNotClosedSince;
            if (breaker == null || since == null || (breaker.getState() != CircuitBreaker.State.OPEN
                    && breaker.getState() != CircuitBreaker.State.FORCED_OPEN)) {
                return 0;
            }
            return Math.max(0, java.time.Duration.between(since, clock.instant()).toSeconds());
        }
    }

    /** Hit and miss counts of a cache. */
    public record CacheCounts(LongSupplier hits, LongSupplier misses) {
        /** Hits over all look-ups, or -1 before the first look-up. */
        public double hitRatio() {
            long h = hits.getAsLong();
            long total = h + misses.getAsLong();
            return total == 0 ? -1 : (double) h / total;
        }
    }

    /**
     * The number a breaker state is published as (metric {@code lienthong_breaker_state}, JMX
     * {@code BreakerStateCode}): 0 CLOSED, 1 OPEN, 2 HALF_OPEN, 3 FORCED_OPEN, 4 DISABLED, 5 METRICS_ONLY.
     */
    public static int stateCode(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            case FORCED_OPEN -> 3;
            case DISABLED -> 4;
            case METRICS_ONLY -> 5;
        };
    }
}
