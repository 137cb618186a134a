package vn.lienthong.gateway.national.guard;

import java.time.Duration;


/** Limits of one national system: each protects the system and the gateway's threads from the other. */
public class GuardSettings {
    /** Connect timeout of one call, in milliseconds. */
    private int connectTimeoutMs = 2000;
    /** Answer timeout of one call, in milliseconds; a timeout is answered 504. */
    private int responseTimeoutMs = 5000;
    /** Calls in flight at once; one more is answered 503 at once instead of queueing threads. */
    private int maxConcurrentCalls = 20;
    /** How long a call may wait for a free slot before it is refused. */
    private Duration maxWait = Duration.ZERO;
    /** National quota: calls per second from this instance; 0 turns the limiter off. */
    private int rateLimitPerSecond = 50;
    /** How long a call waits for a quota permit before it is answered 503. */
    private Duration rateLimitWait = Duration.ofMillis(500);
    private final BreakerSettings circuitBreaker = new BreakerSettings();
    public int getConnectTimeoutMs() { return connectTimeoutMs; }
    public void setConnectTimeoutMs(int connectTimeoutMs) { this.connectTimeoutMs = connectTimeoutMs; }
    public int getResponseTimeoutMs() { return responseTimeoutMs; }
    public void setResponseTimeoutMs(int responseTimeoutMs) { this.responseTimeoutMs = responseTimeoutMs; }
    public int getMaxConcurrentCalls() { return maxConcurrentCalls; }
    public void setMaxConcurrentCalls(int maxConcurrentCalls) { this.maxConcurrentCalls = maxConcurrentCalls; }
    public Duration getMaxWait() { return maxWait; }
    public void setMaxWait(Duration maxWait) { this.maxWait = maxWait; }
    public int getRateLimitPerSecond() { return rateLimitPerSecond; }
    public void setRateLimitPerSecond(int rateLimitPerSecond) { this.rateLimitPerSecond = rateLimitPerSecond; }
    public Duration getRateLimitWait() { return rateLimitWait; }
    public void setRateLimitWait(Duration rateLimitWait) { this.rateLimitWait = rateLimitWait; }
    public BreakerSettings getCircuitBreaker() { return circuitBreaker; }
}
