package vn.lienthong.gateway.national.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import vn.lienthong.gateway.national.guard.GuardSettings;

/** {@code gateway.registry.*}: the National Business Registration Database's address, key, limits and cache. */
@ConfigurationProperties(prefix = "gateway.registry")
public class RegistryProperties extends GuardSettings {
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
}
