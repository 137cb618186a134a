package vn.lienthong.gateway.ops;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The state of every called system, as health details. Always UP: an open breaker is handled by the
 * delivery engine (events wait in the outbox), so it must neither restart the gateway (liveness) nor take
 * it out of the load balancer (readiness); the alarms say when it lasts.
 */
public class NationalSystemsHealth extends AbstractHealthIndicator {
    private final NationalSystems systems;

    public NationalSystemsHealth(NationalSystems systems) {
        this.systems = systems;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        for (NationalSystems.NationalSystem s : systems.all()) {
            java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
            s.breaker().ifPresent(b -> {
                d.put("breaker", b.getState().name());
                d.put("breakerOpenSeconds", s.breakerOpenSeconds());
                d.put("failureRate", b.getMetrics().getFailureRate());
            });
            s.rateLimiter().ifPresent(r -> d.put("rateLimiterAvailablePermissions", r.getMetrics().getAvailablePermissions()));
            s.bulkhead().ifPresent(b -> d.put("bulkheadAvailableCalls", b.getMetrics().getAvailableConcurrentCalls()));
            s.cache().ifPresent(c -> d.put("cacheHitRatio", c.hitRatio()));
            builder.withDetail(s.name(), d);
        }
    }
}
