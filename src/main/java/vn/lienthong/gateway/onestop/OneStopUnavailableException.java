package vn.lienthong.gateway.onestop;

/**
 * Thrown inside the circuit breaker for an answer that means the one-stop system is unwell (5xx, 429), so the
 * breaker counts it; a 4xx about our request is returned as an answer and does not trip it.
 */
public class OneStopUnavailableException extends RuntimeException {
    private final int status;
    private final String retryAfter;

    public OneStopUnavailableException(int status, String retryAfter) {
        super("one-stop system answered HTTP " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")"));
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String retryAfter() {
        return retryAfter;
    }
}
