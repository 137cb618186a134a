package vn.lienthong.gateway.onestop;

import org.springframework.boot.context.properties.ConfigurationProperties;

import vn.lienthong.gateway.national.guard.BreakerSettings;

/** Typed view of the {@code gateway.one-stop.*} keys of config/application.yml: the one-stop system's receiving API. */
@ConfigurationProperties(prefix = "gateway.one-stop")
public class OneStopProperties {
    /** Base URL of the one-stop system's REST API (no trailing slash); required outside the sandbox. */
    private String baseUrl;
    /** Header that carries the gateway's API key at the one-stop system. */
    private String apiKeyHeader = "X-API-Key";
    /** The gateway's API key at the one-stop system; required outside the sandbox. */
    private String apiKey;
    private int connectTimeoutMs = 3000;
    private int responseTimeoutMs = 15000;
    /** Partition heads one dispatcher worker takes per round (each is one call). */
    private int maxBatch = 20;
    private final BreakerSettings circuitBreaker = new BreakerSettings();

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getApiKeyHeader() { return apiKeyHeader; }
    public void setApiKeyHeader(String apiKeyHeader) { this.apiKeyHeader = apiKeyHeader; }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public int getConnectTimeoutMs() { return connectTimeoutMs; }
    public void setConnectTimeoutMs(int connectTimeoutMs) { this.connectTimeoutMs = connectTimeoutMs; }
    public int getResponseTimeoutMs() { return responseTimeoutMs; }
    public void setResponseTimeoutMs(int responseTimeoutMs) { this.responseTimeoutMs = responseTimeoutMs; }
    public int getMaxBatch() { return maxBatch; }
    public void setMaxBatch(int maxBatch) { this.maxBatch = maxBatch; }
    public BreakerSettings getCircuitBreaker() { return circuitBreaker; }
}
