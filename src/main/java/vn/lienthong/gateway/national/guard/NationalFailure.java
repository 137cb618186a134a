package vn.lienthong.gateway.national.guard;

/**
 * A national call that did not give an answer the flow can use, with how the one-stop API answers it.
 * Never a 500: each kind has its status, and the outages carry a Retry-After.
 */
public class NationalFailure extends RuntimeException {

    /** What went wrong, and the HTTP status the API answers for it. */
    public enum Kind {
        NOT_FOUND(404), INVALID(400), UNAUTHORISED(502), BAD_ANSWER(502), UNAVAILABLE(503), BUSY(503),
        BREAKER_OPEN(503), RATE_LIMITED(503), TIMEOUT(504);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final String system;
    private final Kind kind;
    private final String code;
    private final int retryAfterSeconds;

    public NationalFailure(String system, Kind kind, String code, int retryAfterSeconds, String message, Throwable cause) {
        super(system + ": " + kind + (code == null ? "" : " " + code) + (message == null ? "" : " (" + message + ")"), cause);
        this.system = system;
        this.kind = kind;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public NationalFailure(String system, Kind kind, String code, String message) {
        this(system, kind, code, 0, message, null);
    }

    public String system() { return system; }
    public Kind kind() { return kind; }
    /** The national fault code (MaLoi, HTTP status), when there was one. */
    public String code() { return code; }
    public int retryAfterSeconds() { return retryAfterSeconds; }

    /** Whether the national system (rather than the request) failed: these count against the breaker. */
    public boolean isOutage() {
        return kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT || kind == Kind.BAD_ANSWER;
    }
}
