package vn.lienthong.gateway.national.guard;

import java.time.Duration;


/** A circuit breaker's settings, as every guarded remote system's {@code circuit-breaker.*} keys give them. */
public class BreakerSettings {
    /** Percentage of failed calls in the window that opens the breaker. */
    private float failureRateThreshold = 50;
    /** Calls in the sliding window (and the minimum before the rate is judged). */
    private int slidingWindowSize = 20;
    private int minimumNumberOfCalls = 10;
    /** How long the breaker stays open before it lets trial calls through. */
    private Duration waitInOpenState = Duration.ofSeconds(30);
    private int permittedCallsInHalfOpenState = 2;

    /** A Resilience4j breaker with these settings, moving from open to half-open on its own. */
    public io.github.resilience4j.circuitbreaker.CircuitBreaker build(String name) {
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.of(name,
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .failureRateThreshold(failureRateThreshold)
                        .slidingWindowSize(slidingWindowSize)
                        .minimumNumberOfCalls(minimumNumberOfCalls)
                        .waitDurationInOpenState(waitInOpenState)
                        .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .build());
    }
    public float getFailureRateThreshold() { return failureRateThreshold; }
    public void setFailureRateThreshold(float failureRateThreshold) { this.failureRateThreshold = failureRateThreshold; }
    public int getSlidingWindowSize() { return slidingWindowSize; }
    public void setSlidingWindowSize(int slidingWindowSize) { this.slidingWindowSize = slidingWindowSize; }
    public int getMinimumNumberOfCalls() { return minimumNumberOfCalls; }
    public void setMinimumNumberOfCalls(int minimumNumberOfCalls) { this.minimumNumberOfCalls = minimumNumberOfCalls; }
    public Duration getWaitInOpenState() { return waitInOpenState; }
    public void setWaitInOpenState(Duration waitInOpenState) { this.waitInOpenState = waitInOpenState; }
    public int getPermittedCallsInHalfOpenState() { return permittedCallsInHalfOpenState; }
    public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) { this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState; }
}
