package vn.lienthong.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.lienthong.gateway.catalogue.CatalogueRefresh;
import vn.lienthong.gateway.catalogue.ProcedureCatalogue;
import vn.lienthong.gateway.catalogue.RefreshReport;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.sandbox.PopulationSimulator;
import vn.lienthong.gateway.sandbox.PortalSimulator;
import vn.lienthong.gateway.sandbox.RegistrySimulator;

/**
 * One gateway for the integration suite (one cached Spring context): a random HTTP port, an in-memory
 * H2 database, short backoffs, and the portal simulator on a dynamic port. Each test starts from a
 * healthy simulator and uses dossier codes no other test uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:gateway-it;DB_CLOSE_DELAY=-1",
        "gateway.portal.username=gw-user",
        "gateway.portal.password=gw-secret",
        "gateway.portal.dstcode=TEST-H47",
        // The callbacks flow is tested with its own context (callbacks/CallbacksTestSupport); here it only needs to start.
        "gateway.callbacks.secret=unused-callback-secret-at-least-32-bytes-long-00000000",
        "gateway.callbacks.payment-secret=unused-payment-secret-at-least-32-bytes-long-00000000",
        "gateway.one-stop.base-url=http://localhost:9/one-stop",
        "gateway.one-stop.api-key=unused-one-stop-key",
        "gateway.portal.rate-limit-per-second=1000",
        "gateway.portal.response-timeout-ms=2000",
        "gateway.portal.connect-timeout-ms=1000",
        "gateway.portal.rate-limit-wait=1s",
        "gateway.portal.circuit-breaker.wait-in-open-state=1s",
        "gateway.portal.circuit-breaker.minimum-number-of-calls=6",
        "gateway.portal.circuit-breaker.sliding-window-size=10",
        "gateway.delivery.poll-interval=50ms",
        "gateway.delivery.initial-backoff=50ms",
        // at least the 2 s Retry-After of PortalDeliveryResilienceTest: a Retry-After is obeyed up to max-backoff
        "gateway.delivery.max-backoff=2s",
        "gateway.delivery.max-attempts=40",
        // twice what a portal request may take (1 + 1 + 2 s) and the margin: not lengthened
        "gateway.delivery.lease=10s",
        "gateway.delivery.lease-margin=1s",
        "gateway.security.api-keys[0].client-id=one-stop",
        "gateway.security.api-keys[0].sha256=" + GatewayIntegrationTest.WRITER_HASH,
        "gateway.security.api-keys[0].scopes=dossier:write,dossier:read",
        "gateway.security.api-keys[1].client-id=ops",
        "gateway.security.api-keys[1].sha256=" + GatewayIntegrationTest.ADMIN_HASH,
        "gateway.security.api-keys[1].scopes=admin",
        // the tests post as fast as they can; the rate limit itself is tested in security/AccessControlTest
        "gateway.security.api-keys[0].requests-per-second=100000",
        "gateway.security.api-keys[1].requests-per-second=100000",
        "gateway.security.api-keys[2].client-id=lookups",
        "gateway.security.api-keys[2].sha256=" + GatewayIntegrationTest.LOOKUPS_HASH,
        "gateway.security.api-keys[2].scopes=citizen:read,citizen:verify,enterprise:read",
        "gateway.security.api-keys[2].requests-per-second=100000",
        // the build sets GATEWAY_POPULATION_URL & co. (pom, surefire); here the simulators' Spring properties win
        "camel.component.properties.environment-variable-mode=1",
        "gateway.population.user=gw-test",
        "gateway.population.secret=test-secret",
        "gateway.population.api-key=test-population-key",
        "gateway.registry.api-key=test-registry-key",
        "gateway.audit.hmac-secret=test-audit-secret-at-least-32-bytes-long-0000",
        // Spring Boot's tests switch metrics export off; the operations tests scrape /actuator/prometheus.
        "management.prometheus.metrics.export.enabled=true",
})
public abstract class GatewayIntegrationTest {
    public static final String WRITER_KEY = "test-writer-key";
    /** SHA-256 of {@link #WRITER_KEY}. */
    public static final String WRITER_HASH = "61fb44fd7a10316d790cd0fe37044ed02bf2df77f3a0fec7789b72fb452da6ac";
    public static final String ADMIN_KEY = "test-admin-key";
    public static final String ADMIN_HASH = "944650a7cd0f9e14d5c4fb15edbffb7fa45fb9ed36a4fa9be3d7e5476ae51bd9";
    public static final String AGENCY = "000.00.12.H47";
    public static final String LOOKUPS_KEY = "test-lookups-key";
    /** SHA-256 of {@link #LOOKUPS_KEY}. */
    public static final String LOOKUPS_HASH = "d3b2cf354b01e7d61dbdce88f3d0fcc1e968ea63dc48145bda67037d01657423";

    protected static final PortalSimulator PORTAL = new PortalSimulator(0, "gw-user", "gw-secret").start();
    protected static final PopulationSimulator POPULATION =
            new PopulationSimulator(0, "gw-test", "test-secret", "test-population-key").start();
    protected static final RegistrySimulator REGISTRY = new RegistrySimulator(0, "test-registry-key").start();
    private static final AtomicInteger DOSSIERS = new AtomicInteger();
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;
    @Autowired
    protected DeliveryEngine engine;
    @Autowired
    protected NationalGuard nationalPortalGuard;
    @Autowired
    protected CatalogueRefresh catalogueRefresh;
    @Autowired
    protected ProcedureCatalogue procedureCatalogue;

    @DynamicPropertySource
    static void portal(DynamicPropertyRegistry r) {
        r.add("gateway.portal.base-url", PORTAL::baseUrl);
        r.add("gateway.population.url", POPULATION::baseUrl);
        r.add("gateway.registry.base-url", REGISTRY::baseUrl);
        TestDatabase.postgres().ifPresent(pg -> pg.register(r));
    }

    @BeforeEach
    void healthyPortal() {
        PORTAL.clearFaults();
        nationalPortalGuard.breaker().reset();
        engine.dispatcher(NationalPortalDestination.NAME).resume();
        loadCatalogue();
    }

    /** The gateway under test runs with its procedure catalogue loaded from the simulator, as a deployment does after its first refresh. */
    protected void loadCatalogue() {
        if (!procedureCatalogue.index().loaded()) {
            RefreshReport r = catalogueRefresh.refresh(CatalogueRefresh.Trigger.ADMIN);
            assertThat(r.outcome()).as(r.summary()).isEqualTo(RefreshReport.Outcome.OK);
        }
    }

    /** A dossier code no other test of this JVM uses. */
    protected static String newDossier() {
        int n = DOSSIERS.incrementAndGet();
        return String.format("%s-2411%02d-%04d", AGENCY, 1 + n / 9000, 1 + n % 9000);
    }

    protected static ObjectNode event(String eventId, String dossier, String status) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", eventId);
        e.put("dossierCode", dossier);
        e.put("procedureCode", "1.001612");
        e.put("agencyCode", AGENCY);
        e.put("status", status);
        e.put("occurredAt", "2026-11-24T09:15:00+07:00");
        return e;
    }

    protected HttpResponse<String> post(String path, String key, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    protected HttpResponse<String> postEvent(JsonNode event) {
        return post("/api/v1/dossier-events", WRITER_KEY, event.toString());
    }

    protected HttpResponse<String> get(String path, String key) {
        return send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", key).GET().build());
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** The delivery states of a dossier's events, in acceptance order. */
    protected List<String> states(String dossier) {
        HttpResponse<String> r = get("/api/v1/dossiers/" + dossier + "/events", WRITER_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> states = new java.util.ArrayList<>();
        json(r).get("events").forEach(e -> states.add(e.get("state").asText()));
        return states;
    }

    protected JsonNode eventsOf(String dossier) {
        return json(get("/api/v1/dossiers/" + dossier + "/events", WRITER_KEY)).get("events");
    }

    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
    }

    protected void awaitDelivered(String dossier, int events) {
        await(events + " events of " + dossier + " delivered", Duration.ofSeconds(30),
                () -> states(dossier).equals(java.util.Collections.nCopies(events, "DELIVERED")));
    }
}
