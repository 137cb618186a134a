package vn.lienthong.gateway.enterprise;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import vn.lienthong.gateway.national.registry.BusinessRegistryClient;
import vn.lienthong.gateway.national.registry.RegistryProperties;

/**
 * Enterprise records by code, from memory when recently asked: registration data is public, so found
 * records are kept {@code ttl} and unknown codes {@code not-found-ttl}. Failures are never cached.
 * Concurrent misses of one code make one national call.
 */
public class EnterpriseLookupService {
    private final BusinessRegistryClient registry;
    private final Cache<String, Optional<JsonNode>> cache;

    public EnterpriseLookupService(BusinessRegistryClient registry, RegistryProperties.Cache cfg) {
        this.registry = registry;
        long found = cfg.getTtl().toNanos();
        long missing = cfg.getNotFoundTtl().toNanos();
        this.cache = cfg.getMaxSize() <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(cfg.getMaxSize())
                .recordStats()
                .expireAfter(new Expiry<String, Optional<JsonNode>>() {
                    @Override
                    public long expireAfterCreate(String key, Optional<JsonNode> value, long currentTime) {
                        return value.isPresent() ? found : missing;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Optional<JsonNode> value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Optional<JsonNode> value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The raw GetEntCert element, empty for a code the registry does not know. */
    public Optional<JsonNode> find(String code) {
        return cache == null ? registry.find(code) : cache.get(code, registry::find);
    }

    /** Cache hits since start (0 without a cache), for the hit-ratio gauge and MBean. */
    public long cacheHits() {
        return cache == null ? 0 : cache.stats().hitCount();
    }

    public long cacheMisses() {
        return cache == null ? 0 : cache.stats().missCount();
    }

    /** Forgets every cached record (tests, or an operator after a registry correction). */
    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

}
