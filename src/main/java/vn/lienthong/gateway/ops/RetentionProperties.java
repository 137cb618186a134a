package vn.lienthong.gateway.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code gateway.retention.*}: how long delivered events and audit rows are kept, and how the purge runs. */
@ConfigurationProperties(prefix = "gateway.retention")
public class RetentionProperties {
    /** How often routes/retention.camel.yaml runs the purge. */
    private Duration interval = Duration.ofHours(1);
    public Duration getInterval() { return interval; }
    public void setInterval(Duration interval) { this.interval = interval; }
    /** Delivered and skipped events are kept this long (their eventId stays an idempotency key meanwhile). */
    private Duration delivered = Duration.ofDays(90);
    /** Audit rows of personal-data access are kept this long: set it to the legal retention period. */
    private Duration audit = Duration.ofDays(5 * 365);
    public Duration getAudit() { return audit; }
    public void setAudit(Duration audit) { this.audit = audit; }
    /** Rows deleted per transaction; small batches keep locks on the live table short. */
    private int batchSize = 1000;
    private Duration pauseBetweenBatches = Duration.ofMillis(50);
    /** Longest a purge may hold the cluster-wide job lock (a crashed holder frees it after this). */
    private Duration lockAtMostFor = Duration.ofMinutes(30);
    public Duration getDelivered() { return delivered; }
    public void setDelivered(Duration delivered) { this.delivered = delivered; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    public Duration getPauseBetweenBatches() { return pauseBetweenBatches; }
    public void setPauseBetweenBatches(Duration pauseBetweenBatches) { this.pauseBetweenBatches = pauseBetweenBatches; }
    public Duration getLockAtMostFor() { return lockAtMostFor; }
    public void setLockAtMostFor(Duration lockAtMostFor) { this.lockAtMostFor = lockAtMostFor; }
}
