package vn.lienthong.gateway.catalogue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Typed view of the {@code gateway.catalogue.*} keys of config/application.yml (each documented there): how the
 * local copy of the national procedure catalogue is kept fresh.
 */
@ConfigurationProperties(prefix = "gateway.catalogue")
public class CatalogueProperties {
    /** The madonvi of the catalogue calls: the unit whose visible procedures LayDanhSachTTHC lists. Required. */
    private String agency;
    /** Path of the list services (the adapter's "share" endpoint); blank: the integration path. */
    private String sharePath;
    /** Refresh by itself (daily, and at start while the copy is missing or a day old); false: on demand only. */
    private boolean autoRefresh = true;
    /** Local time of the daily refresh, in {@link #zone}; the first check after it refreshes. */
    private LocalTime dailyAt = LocalTime.of(1, 0);
    private ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
    /** How often each instance looks whether a refresh is due and whether another instance refreshed. */
    private Duration checkInterval = Duration.ofMinutes(5);
    /** Wait after start before the first check. */
    private Duration firstCheckDelay = Duration.ofSeconds(10);
    /** After a refresh that could not get the list, the next automatic try waits this long. */
    private Duration retryAfterFailure = Duration.ofMinutes(30);
    /** LayThuTuc calls in flight at once. Enough to keep the quota busy despite the portal's latency. */
    private int parallelism = 8;
    /** Share of the portal quota the refresh may take while delivery calls wait for a permit (it takes all the rest). */
    private double quotaShareWhileBusy = 0.25;
    /** A list lacking more than this share of the published procedures withdraws none of them (a portal fault). */
    private double maxWithdrawnShare = 0.2;
    /** Entries per page of the list services; 0: one request answers the whole list. */
    private int pageSize = 0;
    /** Longest a refresh may hold the cluster-wide lock; it stops fetching before that (a crashed holder's lock frees itself). */
    private Duration lockAtMostFor = Duration.ofHours(3);

    public String getAgency() { return agency; }
    public void setAgency(String agency) { this.agency = agency; }
    public String getSharePath() { return sharePath; }
    public void setSharePath(String sharePath) { this.sharePath = sharePath; }
    public boolean isAutoRefresh() { return autoRefresh; }
    public void setAutoRefresh(boolean autoRefresh) { this.autoRefresh = autoRefresh; }
    public LocalTime getDailyAt() { return dailyAt; }
    public void setDailyAt(LocalTime dailyAt) { this.dailyAt = dailyAt; }
    public ZoneId getZone() { return zone; }
    public void setZone(ZoneId zone) { this.zone = zone; }
    public Duration getCheckInterval() { return checkInterval; }
    public void setCheckInterval(Duration checkInterval) { this.checkInterval = checkInterval; }
    public Duration getFirstCheckDelay() { return firstCheckDelay; }
    public void setFirstCheckDelay(Duration firstCheckDelay) { this.firstCheckDelay = firstCheckDelay; }
    public Duration getRetryAfterFailure() { return retryAfterFailure; }
    public void setRetryAfterFailure(Duration retryAfterFailure) { this.retryAfterFailure = retryAfterFailure; }
    public int getParallelism() { return parallelism; }
    public void setParallelism(int parallelism) { this.parallelism = parallelism; }
    public double getQuotaShareWhileBusy() { return quotaShareWhileBusy; }
    public void setQuotaShareWhileBusy(double quotaShareWhileBusy) { this.quotaShareWhileBusy = quotaShareWhileBusy; }
    public double getMaxWithdrawnShare() { return maxWithdrawnShare; }
    public void setMaxWithdrawnShare(double maxWithdrawnShare) { this.maxWithdrawnShare = maxWithdrawnShare; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public Duration getLockAtMostFor() { return lockAtMostFor; }
    public void setLockAtMostFor(Duration lockAtMostFor) { this.lockAtMostFor = lockAtMostFor; }
}
