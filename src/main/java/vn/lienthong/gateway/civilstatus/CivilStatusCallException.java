package vn.lienthong.gateway.civilstatus;

import java.time.Duration;

import vn.lienthong.gateway.delivery.DeliveryResult;
import vn.lienthong.gateway.delivery.StoredEvent;

/** A call to the linked civil-status service that did not get an answer to judge. */
public class CivilStatusCallException extends RuntimeException {
    /** TRANSIENT: retry later; PERMANENT: our request was refused; NOT_SENT: the breaker held it back. */
    public enum Kind { TRANSIENT, PERMANENT, NOT_SENT }

    private final Kind kind;
    private final Duration retryAfter;

    public CivilStatusCallException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** What this failure means for the event whose call it was. */
    public DeliveryResult resultFor(StoredEvent e) {
        return switch (kind) {
            case NOT_SENT -> DeliveryResult.notAttempted(e, getMessage(), retryAfter);
            case PERMANENT -> DeliveryResult.permanent(e, getMessage());
            case TRANSIENT -> DeliveryResult.transientFailure(e, getMessage(), retryAfter);
        };
    }
}
