package vn.lienthong.gateway.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code gateway.security.*}: the API clients (hashed keys, scopes, rate limits) and their defaults. */
@ConfigurationProperties(prefix = "gateway.security")
public class SecurityProperties {
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
}
