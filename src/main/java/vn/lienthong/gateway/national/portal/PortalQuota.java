package vn.lienthong.gateway.national.portal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import vn.lienthong.gateway.national.guard.NationalGuard;


/**
 * The national quota (calls per second), shared by every dispatcher thread: the quota step of the portal's
 * {@link NationalGuard}, before its circuit breaker, so waiting for a permit never counts as a portal failure.
 *
 * <p>Background calls (the catalogue refresh, {@link #inBackground}) take the quota that delivery leaves: while a
 * foreground call waits for a permit, each background call first waits for one of a smaller share of the quota.
 * A foreground call never waits behind more background calls than are in flight.
 */
public class PortalQuota implements NationalGuard.Quota {
    private static final ThreadLocal<Boolean> BACKGROUND = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final RateLimiter limiter;
    private final int perSecond;
    private final AtomicInteger foregroundWaiting = new AtomicInteger();
    private volatile RateLimiter whileBusy;

    public PortalQuota(PortalProperties cfg) {
        this.perSecond = Math.max(1, cfg.getRateLimitPerSecond());
        this.limiter = RateLimiter.of(NationalPortalDestination.NAME, RateLimiterConfig.custom()
                .limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(cfg.getRateLimitWait())
                .build());
        shareWithBackground(1.0);
    }

    /** Waits until a permit is free; false when none came within the configured wait. */
    @Override
    public boolean acquire() {
        if (BACKGROUND.get()) {
            if (foregroundWaiting.get() > 0 && !whileBusy.acquirePermission()) {
                return false;
            }
            return limiter.acquirePermission();
        }
        foregroundWaiting.incrementAndGet();
        try {
            return limiter.acquirePermission();
        } finally {
            foregroundWaiting.decrementAndGet();
        }
    }

    /** The share (0-1] of the quota background calls may take while foreground calls wait for a permit. */
    public void shareWithBackground(double share) {
        int permits = (int) Math.max(1, Math.round(perSecond * Math.min(1.0, share)));
        this.whileBusy = RateLimiter.of("national-portal-background", RateLimiterConfig.custom()
                .limitForPeriod(permits).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofMinutes(10)).build());
    }

    /** Runs {@code call} on this thread as a background call (portal calls made within it take the quota's spare share). */
    public static <T> T inBackground(Supplier<T> call) {
        BACKGROUND.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            BACKGROUND.remove();
        }
    }

    public int perSecond() {
        return perSecond;
    }

    @Override
    public RateLimiter limiter() {
        return limiter;
    }
}
