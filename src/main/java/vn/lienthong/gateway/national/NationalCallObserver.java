package vn.lienthong.gateway.national;

/** Told of every call to a national system, for the latency histogram {@code lienthong_national_call_seconds}. */
@FunctionalInterface
public interface NationalCallObserver {
    NationalCallObserver NONE = (system, operation, outcome, nanos) -> { };

    /** {@code outcome}: ok, failed, not_sent (breaker open or quota exhausted). */
    void called(String system, String operation, String outcome, long nanos);
}
