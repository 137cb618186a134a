package vn.lienthong.gateway.national.portal;

import java.time.Duration;

/** A portal call that got no usable answer. */
public class PortalCallException extends RuntimeException {
    public enum Kind {
        /** Worth repeating later: connection errors, timeouts, 5xx, 429, 413, busy. */
        TRANSIENT,
        /** Repeating will not help: a 4xx other than 408, 413 and 429. */
        PERMANENT,
        /** Not sent: the circuit breaker is open or the quota had no permit in time. */
        NOT_SENT
    }

    private final Kind kind;
    private final Duration retryAfter;

    public PortalCallException(Kind kind, String message, Duration retryAfter, Throwable cause) {
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
}
