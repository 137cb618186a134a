package vn.lienthong.gateway.national;

/**
 * An answer that means the remote system is unwell (5xx, 429), thrown within its guard so the breaker counts it
 * ({@link GuardedRoute}); a 4xx about our request is returned as an answer instead and does not trip it.
 */
public class RemoteUnavailableException extends RuntimeException {
    private final int status;
    private final String retryAfter;

    public RemoteUnavailableException(String system, int status, String retryAfter) {
        super(system + " answered HTTP " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")"));
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
