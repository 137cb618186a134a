package vn.lienthong.gateway.delivery;

import java.time.Duration;

/** The fate of one event of a batch. */
public record DeliveryResult(StoredEvent event, Kind kind, String reason, Duration retryAfter) {

    public enum Kind {
        /** Fully applied. */
        DELIVERED,
        /** Failed in a way that may pass: retried with backoff (at least retryAfter). */
        TRANSIENT,
        /** Will not succeed by repeating: DEAD at once. */
        PERMANENT,
        /** Not attempted (the destination became unavailable): put back without counting an attempt. */
        NOT_ATTEMPTED
    }

    public static DeliveryResult delivered(StoredEvent e) {
        return new DeliveryResult(e, Kind.DELIVERED, null, null);
    }

    public static DeliveryResult transientFailure(StoredEvent e, String reason, Duration retryAfter) {
        return new DeliveryResult(e, Kind.TRANSIENT, reason, retryAfter);
    }

    public static DeliveryResult permanent(StoredEvent e, String reason) {
        return new DeliveryResult(e, Kind.PERMANENT, reason, null);
    }

    public static DeliveryResult notAttempted(StoredEvent e, String reason, Duration retryAfter) {
        return new DeliveryResult(e, Kind.NOT_ATTEMPTED, reason, retryAfter);
    }
}
