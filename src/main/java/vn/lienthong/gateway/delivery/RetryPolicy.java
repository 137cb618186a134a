package vn.lienthong.gateway.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;


/** Exponential backoff with jitter, a floor from Retry-After (at most max-backoff), and the limits that make an event DEAD. */
public class RetryPolicy {
    private final DeliveryProperties cfg;

    public RetryPolicy(DeliveryProperties cfg) {
        this.cfg = cfg;
    }

    /** Delay before attempt number {@code failedAttempts + 1}. */
    public Duration backoff(int failedAttempts, Duration retryAfter) {
        double base = cfg.getInitialBackoff().toMillis() * Math.pow(cfg.getBackoffMultiplier(), Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, cfg.getMaxBackoff().toMillis());
        double spread = capped * cfg.getJitter();
        long millis = Math.round(capped + (spread == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-spread, spread)));
        Duration d = Duration.ofMillis(Math.max(0, millis));
        Duration floor = capped(retryAfter);
        return floor != null && floor.compareTo(d) > 0 ? floor : d;
    }

    /** A remote system's Retry-After, obeyed up to max-backoff: a value of years must not park an event for years. */
    public Duration capped(Duration retryAfter) {
        if (retryAfter == null) {
            return null;
        }
        return retryAfter.compareTo(cfg.getMaxBackoff()) > 0 ? cfg.getMaxBackoff() : retryAfter;
    }

    /** Whether an event that has now failed {@code failedAttempts} times must stop being retried. */
    public String exhausted(int failedAttempts, OffsetDateTime acceptedAt, OffsetDateTime now) {
        if (cfg.getMaxAttempts() > 0 && failedAttempts >= cfg.getMaxAttempts()) {
            return "retry limit reached (" + failedAttempts + " attempts)";
        }
        if (acceptedAt != null && acceptedAt.plus(cfg.getMaxAge()).isBefore(now)) {
            return "too old to retry (accepted " + acceptedAt + ", limit " + cfg.getMaxAge() + ")";
        }
        return null;
    }
}
