package vn.lienthong.gateway.national.guard;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;


/**
 * The limits in front of one remote system: bulkhead (calls in flight), rate limiter (national quota)
 * and circuit breaker, in that order. A refusal by any of them is a {@link NationalFailure} answered 503
 * with Retry-After; only outages (timeouts, connection failures, 5xx, busy faults) count against the
 * breaker, a "not found" or a bad request does not.
 */
public class NationalGuard {
    private final String name;
    private final String system;
    private final Bulkhead bulkhead;
    private final Quota quota;
    private final CircuitBreaker breaker;
    private final int openRetryAfter;

    /**
     * The quota step: a permit, waiting for it at most as long as the quota allows, or false. A system whose quota
     * is more than a plain rate limiter (the portal's, shared with background calls) brings its own.
     */
    public interface Quota {
        boolean acquire();

        /** The limiter whose permits the gauges show. */
        RateLimiter limiter();
    }

    /** A guard named after its system, its quota a plain rate limiter ({@code rate-limit-per-second} 0: none). */
    public NationalGuard(String system, GuardSettings cfg) {
        this(system, system, cfg, null);
    }

    /**
     * @param name   the guard's name in metrics, JMX and health (the destination's name for a delivery destination)
     * @param system the system as its failures name it
     * @param quota  the quota step; null: a plain rate limiter from {@code cfg}, none when its rate is 0
     */
    public NationalGuard(String name, String system, GuardSettings cfg, Quota quota) {
        this.name = name;
        this.system = system;
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(cfg.getMaxConcurrentCalls())
                .maxWaitDuration(cfg.getMaxWait())
                .build());
        this.quota = quota != null ? quota : cfg.getRateLimitPerSecond() <= 0 ? null : limiterQuota(RateLimiter.of(name,
                RateLimiterConfig.custom()
                        .limitForPeriod(cfg.getRateLimitPerSecond())
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(cfg.getRateLimitWait())
                        .build()));
        BreakerSettings b = cfg.getCircuitBreaker();
        this.breaker = b.build(name);
        this.openRetryAfter = (int) Math.max(1, b.getWaitInOpenState().toSeconds());
    }

    private static Quota limiterQuota(RateLimiter limiter) {
        return new Quota() {
            @Override
            public boolean acquire() {
                return limiter.acquirePermission();
            }

            @Override
            public RateLimiter limiter() {
                return limiter;
            }
        };
    }

    public String name() { return name; }
    public String system() { return system; }
    public CircuitBreaker breaker() { return breaker; }
    public Bulkhead bulkhead() { return bulkhead; }
    public RateLimiter rateLimiter() { return quota == null ? null : quota.limiter(); }

    /** Told of every call that was made or refused: outcome ok, failed or not_sent, and its duration. */
    public interface CallObserver {
        void called(String outcome, long nanos);
    }

    private volatile CallObserver observer = (outcome, nanos) -> { };

    public void observe(CallObserver observer) {
        this.observer = observer;
    }

    /**
     * Runs one call within the limits; {@code call} throws {@link NationalFailure} for what it recognised, and
     * whatever else it throws is classified by {@link #classify}. A call that returns counts as a success.
     */
    public <T> T call(Supplier<T> call) {
        if (!bulkhead.tryAcquirePermission()) {
            observer.called("not_sent", 0);
            throw new NationalFailure(system, NationalFailure.Kind.BUSY, null, 1, "too many calls in flight", null);
        }
        try {
            if (quota != null && !quota.acquire()) {
                observer.called("not_sent", 0);
                throw new NationalFailure(system, NationalFailure.Kind.RATE_LIMITED, null, 1, system + " quota exhausted", null);
            }
            if (!breaker.tryAcquirePermission()) {
                observer.called("not_sent", 0);
                throw new NationalFailure(system, NationalFailure.Kind.BREAKER_OPEN, null, openRetryAfter, "circuit breaker open", null);
            }
            long start = System.nanoTime();
            try {
                T result = call.get();
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                observer.called("ok", System.nanoTime() - start);
                return result;
            } catch (RuntimeException e) {
                NationalFailure f = classify(e);
                observer.called(f.isOutage() ? "failed" : "ok", System.nanoTime() - start);
                if (f.isOutage()) {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, f);
                } else {
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
                throw f;
            }
        } finally {
            bulkhead.onComplete();
        }
    }

    /** How a call ended, by the one classifier of {@link NationalFailure#from}. */
    public NationalFailure classify(Throwable e) {
        return NationalFailure.from(system, e);
    }
}
