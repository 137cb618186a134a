package vn.lienthong.gateway.national.portal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import vn.lienthong.gateway.national.guard.BreakerSettings;

/** {@code gateway.portal.*}: the National Public Service Portal's address, account, quota, timeouts and breaker. */
@ConfigurationProperties(prefix = "gateway.portal")
public class PortalProperties {
    /** Base URL of the portal's integration API (no trailing slash); required outside the sandbox. */
    private String baseUrl;
    private String username;
    private String password;
    /** The destination code the province was given; sent as header dstcode on every call. */
    private String dstcode;
    /** Records per DongBoHoSoMC / CapNhatTienDoHoSoMC call (the portal takes at most 100). */
    private int maxBatch = 100;
    /** National quota: calls per second, across all dispatcher threads of this instance. */
    private int rateLimitPerSecond = 50;
    /** How long a call waits for a quota permit before it counts as a transient failure. */
    private Duration rateLimitWait = Duration.ofSeconds(5);
    /** Timeouts of one call (routes/national-portal.camel.yaml reads the same keys). */
    private int connectTimeoutMs = 3000;
    private int responseTimeoutMs = 15000;
    private final BreakerSettings circuitBreaker = new BreakerSettings();
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
    public int getRateLimitPerSecond() { return rateLimitPerSecond; }
    public void setRateLimitPerSecond(int rateLimitPerSecond) { this.rateLimitPerSecond = rateLimitPerSecond; }
    public Duration getRateLimitWait() { return rateLimitWait; }
    public void setRateLimitWait(Duration rateLimitWait) { this.rateLimitWait = rateLimitWait; }
    public int getConnectTimeoutMs() { return connectTimeoutMs; }
    public void setConnectTimeoutMs(int connectTimeoutMs) { this.connectTimeoutMs = connectTimeoutMs; }
    public int getResponseTimeoutMs() { return responseTimeoutMs; }
    public void setResponseTimeoutMs(int responseTimeoutMs) { this.responseTimeoutMs = responseTimeoutMs; }
    /** The longest one call may take once started: its wait for a quota permit, connecting, the answer. */
    public Duration longestRequest() {
        return rateLimitWait.plusMillis(connectTimeoutMs).plusMillis(responseTimeoutMs);
    }
    public BreakerSettings getCircuitBreaker() { return circuitBreaker; }
}
