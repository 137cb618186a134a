package vn.lienthong.gateway.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Typed view of {@code gateway.population.*}, {@code gateway.registry.*} and {@code gateway.audit.*}
 * (config/application.yml documents every key). Kept apart from {@link GatewayProperties} so the lookup
 * flows add no line to the delivery flows' settings.
 */
@ConfigurationProperties(prefix = "gateway")
public class LookupProperties {
    private final Population population = new Population();
    private final Registry registry = new Registry();
    private final Audit audit = new Audit();

    public Population getPopulation() { return population; }
    public Registry getRegistry() { return registry; }
    public Audit getAudit() { return audit; }

    /** Limits of one national system: each protects the system and the gateway's threads from the other. */
    public static class Guard {
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
        private final GatewayProperties.Breaker circuitBreaker = new GatewayProperties.Breaker();
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
        public GatewayProperties.Breaker getCircuitBreaker() { return circuitBreaker; }
    }

    public static class Population extends Guard {
        /** SOAP endpoint of the population database; required outside the sandbox. */
        private String url;
        private String user;
        private String secret;
        private String apiKey;
        /** X-Road-Client: instance/class/code/subsystem of this consumer. */
        private String xroadClient;
        /** MaDVC, MaTichHop and MaDonVi of every request: codes assigned to the province's system. */
        private String consumerCode;
        private String integrationCode;
        private String agencyCode;
        /** Pause before the one retry of a DC429 / DC503 fault. */
        private Duration retryDelay = Duration.ofMillis(200);
        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getUser() { return user; }
        public void setUser(String user) { this.user = user; }
        public String getSecret() { return secret; }
        public void setSecret(String secret) { this.secret = secret; }
        public String getApiKey() { return apiKey; }
        public void setApiKey(String apiKey) { this.apiKey = apiKey; }
        public String getXroadClient() { return xroadClient; }
        public void setXroadClient(String xroadClient) { this.xroadClient = xroadClient; }
        public String getConsumerCode() { return consumerCode; }
        public void setConsumerCode(String consumerCode) { this.consumerCode = consumerCode; }
        public String getIntegrationCode() { return integrationCode; }
        public void setIntegrationCode(String integrationCode) { this.integrationCode = integrationCode; }
        public String getAgencyCode() { return agencyCode; }
        public void setAgencyCode(String agencyCode) { this.agencyCode = agencyCode; }
        public Duration getRetryDelay() { return retryDelay; }
        public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }
    }

    public static class Registry extends Guard {
        /** Base URL of the business registration API (no trailing slash); required outside the sandbox. */
        private String baseUrl;
        private String apiKey;
        /** Optional: the hashed Basic scheme of the population database, where the platform asks for it. */
        private String user;
        private String secret;
        private final Cache cache = new Cache();
        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getApiKey() { return apiKey; }
        public void setApiKey(String apiKey) { this.apiKey = apiKey; }
        public String getUser() { return user; }
        public void setUser(String user) { this.user = user; }
        public String getSecret() { return secret; }
        public void setSecret(String secret) { this.secret = secret; }
        public Cache getCache() { return cache; }
    }

    public static class Cache {
        /** How long a found enterprise is answered from memory (public registration data). */
        private Duration ttl = Duration.ofHours(6);
        /** How long an unknown code is answered 404 from memory. */
        private Duration notFoundTtl = Duration.ofMinutes(5);
        /** Entries kept; 0 turns the cache off. */
        private long maxSize = 10_000;
        public Duration getTtl() { return ttl; }
        public void setTtl(Duration ttl) { this.ttl = ttl; }
        public Duration getNotFoundTtl() { return notFoundTtl; }
        public void setNotFoundTtl(Duration notFoundTtl) { this.notFoundTtl = notFoundTtl; }
        public long getMaxSize() { return maxSize; }
        public void setMaxSize(long maxSize) { this.maxSize = maxSize; }
    }

    public static class Audit {
        /** Key of the HMAC-SHA256 that stands for a personal ID in the audit log; required. */
        private String hmacSecret;
        /** Rows answered by GET /admin/audit at most. */
        private int maxRows = 1000;
        public String getHmacSecret() { return hmacSecret; }
        public void setHmacSecret(String hmacSecret) { this.hmacSecret = hmacSecret; }
        public int getMaxRows() { return maxRows; }
        public void setMaxRows(int maxRows) { this.maxRows = maxRows; }
    }
}
