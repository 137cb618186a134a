package vn.lienthong.gateway.national.portal;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import vn.lienthong.gateway.config.GatewayProperties;

/**
 * The national quota (calls per second), shared by every dispatcher thread. It sits before the circuit
 * breaker in the route, so waiting for a permit never counts as a portal failure.
 */
public class PortalQuota {
    private final RateLimiter limiter;

    public PortalQuota(GatewayProperties.Portal cfg) {
        this.limiter = RateLimiter.of("national-portal", RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, cfg.getRateLimitPerSecond()))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(cfg.getRateLimitWait())
                .build());
    }

    /** Blocks until a permit is free or throws {@code RequestNotPermitted} after the configured wait. */
    public void acquire() {
        RateLimiter.waitForPermission(limiter);
    }

    public RateLimiter limiter() {
        return limiter;
    }
}
