package vn.lienthong.gateway.ops;

/**
 * What an administrator sees and does for one called system, in JConsole under
 * {@code vn.lienthong.gateway:type=NationalSystem,name=<name>}. A guard the system's flow does not use reads
 * as {@code NONE} (state) or -1 (numbers).
 */
public interface NationalSystemControlMBean {
    String getName();
    /** CLOSED (calls go through), OPEN (calls refused, the system is considered down), HALF_OPEN (trial calls), or NONE. */
    String getBreakerState();
    /** While OPEN: seconds since the breaker left CLOSED (a flapping OPEN/HALF_OPEN keeps counting); 0 while closed or half-open. */
    long getBreakerOpenSeconds();
    /** Failure rate in % over the breaker's window, -1 until the window has its minimum number of calls. */
    float getBreakerFailureRate();
    long getBreakerSuccessfulCalls();
    long getBreakerFailedCalls();
    /** Calls refused because the breaker was open. */
    long getBreakerNotPermittedCalls();
    /** Permits left in the current rate-limit period (the national quota headroom). */
    int getRateLimiterAvailablePermissions();
    /** Threads waiting for a permit. */
    int getRateLimiterWaitingThreads();
    /** Concurrent calls still allowed by the bulkhead. */
    int getBulkheadAvailableConcurrentCalls();
    int getBulkheadMaxConcurrentCalls();
    /** Cache hits over all look-ups (0..1), -1 without a cache or before the first look-up. */
    double getCacheHitRatio();

    /** Closes the breaker and clears its window: calls go through again at once. Answers the new state. */
    String resetBreaker();
}
