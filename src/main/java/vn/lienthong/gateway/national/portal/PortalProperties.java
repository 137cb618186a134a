package vn.lienthong.gateway.national.portal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import vn.lienthong.gateway.national.guard.GuardSettings;

/**
 * {@code gateway.portal.*}: the National Public Service Portal's address and account, and the limits of its guard
 * (timeouts, bulkhead, the national quota, breaker; the quota is never off: 0 means one call a second).
 */
@ConfigurationProperties(prefix = "gateway.portal")
public class PortalProperties extends GuardSettings {
    /** Base URL of the portal's integration API (no trailing slash); required outside the sandbox. */
    private String baseUrl;
    private String username;
    private String password;
    /** The destination code the province was given; sent as header dstcode on every call. */
    private String dstcode;
    /** Records per DongBoHoSoMC / CapNhatTienDoHoSoMC call (the portal takes at most 100). */
    private int maxBatch = 100;

    public PortalProperties() {
        // routes/national-portal.camel.yaml reads the timeouts from the same keys
        setConnectTimeoutMs(3000);
        setResponseTimeoutMs(15000);
        // every caller at once (dispatcher workers, catalogue refresh, poller): the quota is the limit that bites
        setMaxConcurrentCalls(64);
        setRateLimitWait(Duration.ofSeconds(5));
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getDstcode() { return dstcode; }
    public void setDstcode(String dstcode) { this.dstcode = dstcode; }
    public int getMaxBatch() { return maxBatch; }
    public void setMaxBatch(int maxBatch) { this.maxBatch = maxBatch; }
    /** The longest one call may take once started: its waits for a slot and a quota permit, connecting, the answer. */
    public Duration longestRequest() {
        return getMaxWait().plus(getRateLimitWait()).plusMillis(getConnectTimeoutMs()).plusMillis(getResponseTimeoutMs());
    }
}
