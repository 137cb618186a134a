package vn.lienthong.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.lienthong.gateway.enterprise.EnterpriseLookupService;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.sandbox.PopulationSimulator;
import vn.lienthong.gateway.sandbox.RegistrySimulator;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;

/**
 * The one Spring context of the lookup integration tests (same properties everywhere, so Spring caches
 * it): the gateway on in-memory H2, pointed at both lookup simulators started on dynamic ports. Limits
 * are small so breaker, bulkhead and timeout behaviour shows within a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class LookupsTestSupport {
    public static final String KEY = "test-lookups-key";
    public static final String ADMIN_KEY = "test-lookups-admin-key";
    /** Citizen lookups without the sensitive fields' scope. */
    public static final String PLAIN_KEY = "test-lookups-plain-key";
    /** A one-stop key that may only post dossier events. */
    public static final String WRITER_ONLY_KEY = "test-lookups-writer-only-key";
    /** A client limited to 2 requests a second, whose alarm goes off above one lookup an hour. */
    public static final String HARVESTER_KEY = "test-lookups-harvester-key";
    /** A dossier code for the lookups that name one (X-Dossier-Code). */
    public static final String DOSSIER = "000.00.12.H47-261124-0001";
    public static final int RESPONSE_TIMEOUT_MS = 1000;
    public static final int MAX_CONCURRENT_CALLS = 3;

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final PopulationSimulator POPULATION =
            new PopulationSimulator(0, "gw-test", "test-secret", "test-population-key").start();
    protected static final RegistrySimulator REGISTRY = new RegistrySimulator(0, "test-registry-key").start();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;
    @Autowired
    @Qualifier("populationDbGuard")
    protected NationalGuard populationGuard;
    @Autowired
    @Qualifier("businessRegistryGuard")
    protected NationalGuard registryGuard;
    @Autowired
    protected EnterpriseLookupService enterprises;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> "jdbc:h2:mem:lookups-test;DB_CLOSE_DELAY=-1");
        r.add("gateway.portal.base-url", () -> "http://localhost:9/portal");
        r.add("gateway.portal.username", () -> "unused");
        r.add("gateway.portal.password", () -> "unused");
        r.add("gateway.portal.dstcode", () -> "unused");
        r.add("gateway.delivery.auto-start", () -> "false");
        // the build sets GATEWAY_POPULATION_URL & co. (pom, surefire) for other flows' tests; Camel would let those
        // environment variables override {{gateway.population.url}}, so here the Spring properties win
        r.add("camel.component.properties.environment-variable-mode", () -> 1);
        // required by the portal callbacks flow; unused here
        r.add("gateway.callbacks.secret", () -> "unused-at-least-32-bytes-long-00000000");
        r.add("gateway.callbacks.payment-secret", () -> "unused-at-least-32-bytes-long-00000000");
        r.add("gateway.one-stop.base-url", () -> "http://localhost:9/onestop");
        r.add("gateway.one-stop.api-key", () -> "unused");
        r.add("gateway.security.api-keys[0].client-id", () -> "test-onestop");
        r.add("gateway.security.api-keys[0].sha256", () -> ApiKeyAuthenticationFilter.sha256(KEY));
        r.add("gateway.security.api-keys[0].scopes", () -> "citizen:read,citizen:read-sensitive,citizen:verify,enterprise:read");
        // the bulkhead and breaker tests fire bursts; the rate limit itself is tested with HARVESTER_KEY
        r.add("gateway.security.api-keys[0].requests-per-second", () -> 100000);
        r.add("gateway.security.api-keys[1].client-id", () -> "test-admin");
        r.add("gateway.security.api-keys[1].sha256", () -> ApiKeyAuthenticationFilter.sha256(ADMIN_KEY));
        r.add("gateway.security.api-keys[1].scopes", () -> "admin");
        r.add("gateway.security.api-keys[2].client-id", () -> "test-plain");
        r.add("gateway.security.api-keys[2].sha256", () -> ApiKeyAuthenticationFilter.sha256(PLAIN_KEY));
        r.add("gateway.security.api-keys[2].scopes", () -> "citizen:read,citizen:verify");
        r.add("gateway.security.api-keys[3].client-id", () -> "test-writer-only");
        r.add("gateway.security.api-keys[3].sha256", () -> ApiKeyAuthenticationFilter.sha256(WRITER_ONLY_KEY));
        r.add("gateway.security.api-keys[3].scopes", () -> "dossier:write");
        r.add("gateway.security.api-keys[4].client-id", () -> "test-harvester");
        r.add("gateway.security.api-keys[4].sha256", () -> ApiKeyAuthenticationFilter.sha256(HARVESTER_KEY));
        r.add("gateway.security.api-keys[4].scopes", () -> "citizen:read");
        r.add("gateway.security.api-keys[4].requests-per-second", () -> 2);
        r.add("gateway.security.api-keys[4].lookups-per-hour-alarm", () -> 1);
        r.add("gateway.population.url", () -> POPULATION.baseUrl());
        r.add("gateway.population.user", () -> "gw-test");
        r.add("gateway.population.secret", () -> "test-secret");
        r.add("gateway.population.api-key", () -> "test-population-key");
        r.add("gateway.population.xroad-client", () -> "VN/GOV/TEST/ONESTOP");
        r.add("gateway.population.consumer-code", () -> "TEST-DVC");
        r.add("gateway.population.integration-code", () -> "TEST-TH");
        r.add("gateway.population.agency-code", () -> "000.00.00.H47");
        r.add("gateway.population.retry-delay", () -> "10ms");
        r.add("gateway.registry.base-url", () -> REGISTRY.baseUrl());
        r.add("gateway.registry.api-key", () -> "test-registry-key");
        r.add("gateway.audit.hmac-secret", () -> "test-audit-secret-at-least-32-bytes-long-00000000");
        for (String system : new String[] {"population", "registry"}) {
            String p = "gateway." + system + ".";
            r.add(p + "response-timeout-ms", () -> RESPONSE_TIMEOUT_MS);
            r.add(p + "max-concurrent-calls", () -> MAX_CONCURRENT_CALLS);
            r.add(p + "rate-limit-per-second", () -> 10_000);
            r.add(p + "circuit-breaker.sliding-window-size", () -> 4);
            r.add(p + "circuit-breaker.minimum-number-of-calls", () -> 4);
            r.add(p + "circuit-breaker.wait-in-open-state", () -> "2s");
            r.add(p + "circuit-breaker.permitted-calls-in-half-open-state", () -> 1);
        }
    }

    @BeforeEach
    void resetNationalSide() {
        POPULATION.reset();
        REGISTRY.reset();
        populationGuard.breaker().reset();
        registryGuard.breaker().reset();
        enterprises.invalidateAll();
    }

    protected HttpResponse<String> get(String path, String key, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20)).GET();
        if (key != null) b.header("X-API-Key", key);
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String key, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("X-API-Key", key);
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
