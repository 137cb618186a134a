package vn.lienthong.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;


/**
 * One request-rate limiter per API client (gateway.security.default-requests-per-second, or the key's own
 * requests-per-second): a leaked key cannot drain the national quotas or harvest the province's records at the
 * gateway's full speed. Per instance; several instances each allow the rate.
 */
public class ClientRateLimits {
    private final Map<String, RateLimiter> byClient = new ConcurrentHashMap<>();

    public ClientRateLimits(SecurityProperties cfg) {
        for (SecurityProperties.ApiKey k : cfg.getApiKeys()) {
            int rate = cfg.requestsPerSecond(k);
            if (rate <= 0) {
                throw new IllegalStateException("gateway.security.api-keys: requests-per-second of " + k.getClientId()
                        + " must be positive");
            }
            byClient.put(k.getClientId(), RateLimiter.of("client-" + k.getClientId(), RateLimiterConfig.custom()
                    .limitForPeriod(rate).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build()));
        }
    }

    /** Whether this client may make one more request now (never waits). */
    public boolean allow(String clientId) {
        RateLimiter limiter = byClient.get(clientId);
        return limiter == null || limiter.acquirePermission();
    }
}
