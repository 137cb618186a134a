package vn.lienthong.gateway.national.portal;

/**
 * Thrown inside the circuit breaker for an HTTP answer that means the portal is unwell (5xx, 429), so the
 * breaker counts it; a 4xx about our request is returned as an answer instead and does not trip it.
 */
public class PortalUnavailableException extends RuntimeException {
    private final int status;
    private final String retryAfter;

    public PortalUnavailableException(int status, String retryAfter) {
        super("portal answered HTTP " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")"));
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
