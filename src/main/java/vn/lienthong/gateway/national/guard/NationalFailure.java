package vn.lienthong.gateway.national.guard;

import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;

import vn.lienthong.gateway.delivery.DeliveryResult;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.national.RemoteUnavailableException;

/**
 * The one failure of a call to a remote system (the national portal, the population and business databases, the
 * civil-status service, the one-stop system, the payment platform): what went wrong ({@link Kind}), what it means for
 * an event being delivered ({@link Effect}) and for a lookup's caller (an HTTP status, never a 500). {@link #from} is
 * the one classifier of the exceptions a call can end with.
 */
public class NationalFailure extends RuntimeException {

    /** What a failure means for an event being delivered. */
    public enum Effect {
        /** The system failed or is away: try again later, with backoff, counting the attempt. */
        RETRY,
        /** The system refused the request: repeating it will not help (the event goes DEAD). */
        GIVE_UP,
        /** Nothing was sent (breaker open, quota or bulkhead full, claim lost): put back, no attempt counted. */
        NOT_SENT
    }

    /** What went wrong, the HTTP status a lookup is answered with, and the effect on a delivery. */
    public enum Kind {
        NOT_FOUND(404, Effect.GIVE_UP), INVALID(400, Effect.GIVE_UP), REFUSED(502, Effect.GIVE_UP),
        UNAUTHORISED(502, Effect.RETRY), BAD_ANSWER(502, Effect.RETRY), UNAVAILABLE(503, Effect.RETRY),
        TIMEOUT(504, Effect.RETRY), BUSY(503, Effect.NOT_SENT), BREAKER_OPEN(503, Effect.NOT_SENT),
        RATE_LIMITED(503, Effect.NOT_SENT), HELD_BACK(503, Effect.NOT_SENT);

        private final int status;
        private final Effect effect;

        Kind(int status, Effect effect) {
            this.status = status;
            this.effect = effect;
        }

        public int status() {
            return status;
        }

        public Effect effect() {
            return effect;
        }
    }

    private final String system;
    private final Kind kind;
    private final String code;
    private final String detail;
    private final Duration retryAfter;

    public NationalFailure(String system, Kind kind, String code, Duration retryAfter, String detail, Throwable cause) {
        super(system + ": " + kind + (code == null ? "" : " " + code) + (detail == null ? "" : " (" + detail + ")"), cause);
        this.system = system;
        this.kind = kind;
        this.code = code;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    public NationalFailure(String system, Kind kind, String code, int retryAfterSeconds, String detail, Throwable cause) {
        this(system, kind, code, retryAfterSeconds > 0 ? Duration.ofSeconds(retryAfterSeconds) : null, detail, cause);
    }

    public NationalFailure(String system, Kind kind, String code, String detail) {
        this(system, kind, code, (Duration) null, detail, null);
    }

    /** A failure described in a sentence of its own (kept as an event's last error). */
    public static NationalFailure of(String system, Kind kind, String detail) {
        return new NationalFailure(system, kind, null, (Duration) null, detail, null);
    }

    public String system() { return system; }
    public Kind kind() { return kind; }
    public Effect effect() { return kind.effect(); }
    /** The remote system's fault code (MaLoi, HTTP status), when there was one. */
    public String code() { return code; }
    /** What happened, in a sentence; null when the kind says it all. */
    public String detail() { return detail; }
    /** How long the remote system asked to be left alone; null when it did not say. */
    public Duration retryAfter() { return retryAfter; }
    /** {@link #retryAfter()} in whole seconds, at least 1; 0 when none was given. */
    public int retryAfterSeconds() {
        return retryAfter == null ? 0 : (int) Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** Whether the remote system (rather than the request) failed: these count against the breaker. */
    public boolean isOutage() {
        return kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT || kind == Kind.BAD_ANSWER;
    }

    /**
     * What this failure means for the event whose call it was; {@code call} (a service name, or null) heads the
     * reason kept for an attempt that was made. An event held back by an open breaker is put back without the
     * breaker's wait: the dispatcher claims nothing while the breaker is open, and a reset sends it at once.
     */
    public DeliveryResult resultFor(StoredEvent e, String call) {
        String reason = detail != null ? detail : getMessage();
        return switch (effect()) {
            case NOT_SENT -> DeliveryResult.notAttempted(e, reason, kind == Kind.BREAKER_OPEN ? null : retryAfter);
            case GIVE_UP -> DeliveryResult.permanent(e, call == null ? reason : call + ": " + reason);
            case RETRY -> DeliveryResult.transientFailure(e, call == null ? reason : call + ": " + reason, retryAfter);
        };
    }

    /**
     * The one classifier: how a call to {@code system} ended, from the exception it threw. A failure already
     * recognised passes; the guards' refusals are NOT_SENT; a 5xx or 429 (thrown inside a breaker) is UNAVAILABLE
     * with its Retry-After; timeouts, by type, are TIMEOUT; anything else (refused connection, reset, unknown host)
     * is UNAVAILABLE.
     */
    public static NationalFailure from(String system, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof NationalFailure f) {
                return f;
            }
            if (c instanceof CallNotPermittedException) {
                return new NationalFailure(system, Kind.BREAKER_OPEN, null, (Duration) null, "circuit breaker open", c);
            }
            if (c instanceof RequestNotPermitted) {
                return new NationalFailure(system, Kind.RATE_LIMITED, null, Duration.ofSeconds(1), system + " quota exhausted", c);
            }
            if (c instanceof BulkheadFullException) {
                return new NationalFailure(system, Kind.BUSY, null, Duration.ofSeconds(1), "too many calls in flight", c);
            }
            if (c instanceof RemoteUnavailableException u) {
                return new NationalFailure(system, Kind.UNAVAILABLE, String.valueOf(u.status()), parseRetryAfter(u.retryAfter()),
                        u.getMessage(), c);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            // SocketTimeoutException and HttpClient's ConnectTimeoutException are InterruptedIOExceptions
            if (c instanceof InterruptedIOException || c instanceof HttpTimeoutException || c instanceof TimeoutException) {
                return new NationalFailure(system, Kind.TIMEOUT, null, (Duration) null, system + " gave no answer in time: " + c, t);
            }
        }
        return new NationalFailure(system, Kind.UNAVAILABLE, null, (Duration) null, system + " unreachable: " + t, t);
    }

    /** A Retry-After header: seconds or an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
