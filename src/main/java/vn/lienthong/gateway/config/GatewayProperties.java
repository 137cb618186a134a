package vn.lienthong.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Typed view of the {@code gateway.*} keys of config/application.yml. Every key is documented there;
 * the comments here say what a value trades off.
 */
@ConfigurationProperties(prefix = "gateway")
public class GatewayProperties {

    /** Where mappings/ are read from: the copies inside the jar by default, a folder in a deployment. */
    private String mappingsLocation = "classpath:mappings/";
    private final Api api = new Api();
    private final Security security = new Security();
    private final Delivery delivery = new Delivery();
    private final Portal portal = new Portal();
    private final Retention retention = new Retention();
    private final Storage storage = new Storage();

    public String getMappingsLocation() { return mappingsLocation; }
    public void setMappingsLocation(String mappingsLocation) { this.mappingsLocation = mappingsLocation; }
    public Api getApi() { return api; }
    public Security getSecurity() { return security; }
    public Delivery getDelivery() { return delivery; }
    public Storage getStorage() { return storage; }
    public Portal getPortal() { return portal; }
    public Retention getRetention() { return retention; }

    public static class Storage {
        private final H2Compaction h2Compaction = new H2Compaction();
        /** Embedded H2: each store that answers wait for ends with an fsync (storage/Durability); off: a killed process loses nothing, a power loss may. */
        private boolean h2SyncToDisk = true;
        public H2Compaction getH2Compaction() { return h2Compaction; }
        public boolean isH2SyncToDisk() { return h2SyncToDisk; }
        public void setH2SyncToDisk(boolean h2SyncToDisk) { this.h2SyncToDisk = h2SyncToDisk; }
    }

    /** The gateway's own compaction of an embedded H2 file (storage/H2Compaction), with H2's off in the URL. */
    public static class H2Compaction {
        /** Pause between two steps. */
        private Duration interval = Duration.ofMillis(100);
        /** Steps rewrite while the file's chunks are on average less full than this (percent); 0: off. */
        private int targetFillRate = 60;
        /** Live data rewritten in one step at most; the store lock is held that long. */
        private DataSize write = DataSize.ofKilobytes(512);
        /** Chunks moved toward the front of the file (to shrink it) in one quiet step at most; 0: the file never shrinks. */
        private DataSize move = DataSize.ofMegabytes(4);
        /** Answers a second that waited for the file, under which the database is quiet and the file may be shrunk. */
        private int quietBelow = 20;
        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
        public int getTargetFillRate() { return targetFillRate; }
        public void setTargetFillRate(int targetFillRate) { this.targetFillRate = targetFillRate; }
        public DataSize getWrite() { return write; }
        public void setWrite(DataSize write) { this.write = write; }
        public DataSize getMove() { return move; }
        public void setMove(DataSize move) { this.move = move; }
        public int getQuietBelow() { return quietBelow; }
        public void setQuietBelow(int quietBelow) { this.quietBelow = quietBelow; }

        public vn.lienthong.gateway.storage.H2Compaction.Policy policy() {
            return new vn.lienthong.gateway.storage.H2Compaction.Policy(interval, targetFillRate, (int) write.toBytes(),
                    (int) move.toBytes(), quietBelow);
        }
    }

    public static class Retention {
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

    public static class Api {
        /** Largest batch accepted by POST /api/v1/dossier-events/batch. */
        private int maxBatchSize = 500;
        public int getMaxBatchSize() { return maxBatchSize; }
        public void setMaxBatchSize(int maxBatchSize) { this.maxBatchSize = maxBatchSize; }
    }

    public static class Security {
        /** API clients: a SHA-256 hash of the key (never the key), the client's name and its scopes. */
        private List<ApiKey> apiKeys = new ArrayList<>();
        /** Requests a second a client may make unless its key says otherwise; more are answered 429. */
        private int defaultRequestsPerSecond = 100;
        /** Citizen lookups and verifications of one client in the last hour above which an alarm is raised. */
        private int defaultLookupsPerHourAlarm = 2000;
        public List<ApiKey> getApiKeys() { return apiKeys; }
        public void setApiKeys(List<ApiKey> apiKeys) { this.apiKeys = apiKeys; }
        public int getDefaultRequestsPerSecond() { return defaultRequestsPerSecond; }
        public void setDefaultRequestsPerSecond(int defaultRequestsPerSecond) { this.defaultRequestsPerSecond = defaultRequestsPerSecond; }
        public int getDefaultLookupsPerHourAlarm() { return defaultLookupsPerHourAlarm; }
        public void setDefaultLookupsPerHourAlarm(int defaultLookupsPerHourAlarm) { this.defaultLookupsPerHourAlarm = defaultLookupsPerHourAlarm; }

        /** The request rate of this client (its own, else the default). */
        public int requestsPerSecond(ApiKey key) {
            return key.getRequestsPerSecond() != null ? key.getRequestsPerSecond() : defaultRequestsPerSecond;
        }

        /** The hourly lookup volume above which this client's alarm is raised (its own, else the default). */
        public int lookupsPerHourAlarm(ApiKey key) {
            return key.getLookupsPerHourAlarm() != null ? key.getLookupsPerHourAlarm() : defaultLookupsPerHourAlarm;
        }
    }

    public static class ApiKey {
        private String clientId;
        private String sha256;
        private List<String> scopes = new ArrayList<>();
        /** This client's request rate limit; unset: gateway.security.default-requests-per-second. */
        private Integer requestsPerSecond;
        /** This client's hourly lookup volume alarm; unset: gateway.security.default-lookups-per-hour-alarm. */
        private Integer lookupsPerHourAlarm;
        public String getClientId() { return clientId; }
        public void setClientId(String clientId) { this.clientId = clientId; }
        public String getSha256() { return sha256; }
        public void setSha256(String sha256) { this.sha256 = sha256; }
        public List<String> getScopes() { return scopes; }
        public void setScopes(List<String> scopes) { this.scopes = scopes; }
        public Integer getRequestsPerSecond() { return requestsPerSecond; }
        public void setRequestsPerSecond(Integer requestsPerSecond) { this.requestsPerSecond = requestsPerSecond; }
        public Integer getLookupsPerHourAlarm() { return lookupsPerHourAlarm; }
        public void setLookupsPerHourAlarm(Integer lookupsPerHourAlarm) { this.lookupsPerHourAlarm = lookupsPerHourAlarm; }
    }

    public static class Delivery {
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

    public static class Portal {
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
        private final Breaker circuitBreaker = new Breaker();
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
        public Breaker getCircuitBreaker() { return circuitBreaker; }
    }

    public static class Breaker {
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
}
