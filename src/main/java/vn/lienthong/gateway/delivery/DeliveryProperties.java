package vn.lienthong.gateway.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code gateway.delivery.*}: the delivery engine's dispatchers, leases, retries (config/application.yml documents each key). */
@ConfigurationProperties(prefix = "gateway.delivery")
public class DeliveryProperties {
    /** Pause between two looks at the outbox when it was empty. */
    private Duration pollInterval = Duration.ofMillis(200);
    /** Concurrent calls per destination; each call carries up to one event per dossier. */
    private int parallelism = 4;
    /** How long a claim holds; a dispatcher that died loses its events to another after this. */
    private Duration lease = Duration.ofSeconds(60);
    /**
     * Time kept free between the end of a request and the end of its claim, for the commit that follows the
     * answer: a request starts only while the claim outlasts the destination's longest request by this much.
     */
    private Duration leaseMargin = Duration.ofSeconds(5);
    private Duration initialBackoff = Duration.ofSeconds(2);
    private Duration maxBackoff = Duration.ofMinutes(10);
    private double backoffMultiplier = 2.0;
    /** Random spread of each backoff (0.2 = ±20 %), so retries of many events do not arrive together. */
    private double jitter = 0.2;
    /** After this many failed attempts an event goes DEAD; 0 = no limit (then only max-age applies). */
    private int maxAttempts = 30;
    /** An event older than this that still fails goes DEAD. */
    private Duration maxAge = Duration.ofHours(72);
    /** Longest an accept waits for its commit; then 503, and the client sends the same request again. */
    private Duration acceptTimeout = Duration.ofSeconds(10);
    public Duration getAcceptTimeout() { return acceptTimeout; }
    public void setAcceptTimeout(Duration acceptTimeout) { this.acceptTimeout = acceptTimeout; }
    /** Whether dispatch starts with the application (false: starts paused, for maintenance). */
    private boolean autoStart = true;
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    public int getParallelism() { return parallelism; }
    public void setParallelism(int parallelism) { this.parallelism = parallelism; }
    public Duration getLease() { return lease; }
    public void setLease(Duration lease) { this.lease = lease; }
    public Duration getLeaseMargin() { return leaseMargin; }
    public void setLeaseMargin(Duration leaseMargin) { this.leaseMargin = leaseMargin; }
    public Duration getInitialBackoff() { return initialBackoff; }
    public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
    public Duration getMaxBackoff() { return maxBackoff; }
    public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    public double getBackoffMultiplier() { return backoffMultiplier; }
    public void setBackoffMultiplier(double backoffMultiplier) { this.backoffMultiplier = backoffMultiplier; }
    public double getJitter() { return jitter; }
    public void setJitter(double jitter) { this.jitter = jitter; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getMaxAge() { return maxAge; }
    public void setMaxAge(Duration maxAge) { this.maxAge = maxAge; }
    public boolean isAutoStart() { return autoStart; }
    public void setAutoStart(boolean autoStart) { this.autoStart = autoStart; }
}
