package vn.lienthong.gateway.onestop;

import org.springframework.boot.context.properties.ConfigurationProperties;

import vn.lienthong.gateway.national.guard.GuardSettings;

/**
 * Typed view of the {@code gateway.one-stop.*} keys of config/application.yml: the one-stop system's receiving API
 * and the limits of its guard (timeouts, bulkhead, an optional quota, breaker).
 */
@ConfigurationProperties(prefix = "gateway.one-stop")
public class OneStopProperties extends GuardSettings {
    /** Base URL of the one-stop system's REST API (no trailing slash); required outside the sandbox. */
    private String baseUrl;
    /** Header that carries the gateway's API key at the one-stop system. */
    private String apiKeyHeader = "X-API-Key";
    /** The gateway's API key at the one-stop system; required outside the sandbox. */
    private String apiKey;
    /** Partition heads one dispatcher worker takes per round (each is one call). */
    private int maxBatch = 20;

    public OneStopProperties() {
        // routes/one-stop-forwarding.camel.yaml reads the timeouts from the same keys
        setConnectTimeoutMs(3000);
        setResponseTimeoutMs(15000);
        // at least the dispatcher's workers, so the bulkhead refuses nothing delivery asks for
        setMaxConcurrentCalls(64);
        // the one-stop system sets no quota of its own
        setRateLimitPerSecond(0);
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getApiKeyHeader() { return apiKeyHeader; }
    public void setApiKeyHeader(String apiKeyHeader) { this.apiKeyHeader = apiKeyHeader; }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public int getMaxBatch() { return maxBatch; }
    public void setMaxBatch(int maxBatch) { this.maxBatch = maxBatch; }
}
