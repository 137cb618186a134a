package vn.lienthong.gateway.civilstatus;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.sandbox.CivilStatusSimulator;
import vn.lienthong.gateway.sandbox.OneStopRequest;
import vn.lienthong.gateway.sandbox.OneStopSimulator;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;

/**
 * One application context for the civil-status tests: the gateway on an in-memory H2 database with its files on disk
 * in target/, the civil-status service and the one-stop system simulated on dynamic ports, short backoffs. The timer
 * polls rarely: tests poll themselves ({@link CivilStatusPoller#pollWithLock}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CivilStatusTestSupport {
    static final String ONE_STOP_KEY = "test-one-stop-key";
    /** The one-stop system's key at the gateway (fetches files, reports progress). */
    static final String READER_KEY = "test-civil-status-reader";
    static final String PUSH_KEY = "test-portal-push-key";
    static final long MAX_FILE = 3 * 1024 * 1024;
    static final ObjectMapper JSON = new ObjectMapper();
    static final CivilStatusSimulator SERVICE = new CivilStatusSimulator(0, "gw-dvclt", "dvclt-secret", 1800).start();
    static final OneStopSimulator ONE_STOP = new OneStopSimulator(0, "X-API-Key", ONE_STOP_KEY).start();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;
    @Autowired
    DeliveryStore store;
    @Autowired
    CivilStatusPoller poller;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path files = Files.createTempDirectory(Path.of("target"), "civil-status-files");
        r.add("spring.datasource.url", () -> "jdbc:h2:mem:civil-status;DB_CLOSE_DELAY=-1");
        r.add("gateway.portal.base-url", () -> "http://localhost:9/portal");
        r.add("gateway.portal.username", () -> "gw");
        r.add("gateway.portal.password", () -> "unused");
        r.add("gateway.portal.dstcode", () -> "DST-TEST");
        r.add("gateway.callbacks.secret", () -> "unused-callback-secret-at-least-32-bytes-long-0000");
        r.add("gateway.callbacks.payment-secret", () -> "unused-payment-secret-at-least-32-bytes-long-0000");
        r.add("gateway.one-stop.base-url", ONE_STOP::baseUrl);
        r.add("gateway.one-stop.api-key", () -> ONE_STOP_KEY);
        r.add("gateway.civil-status.enabled", () -> "true");
        r.add("gateway.civil-status.push-enabled", () -> "true");
        r.add("gateway.civil-status.base-url", SERVICE::baseUrl);
        r.add("gateway.civil-status.username", () -> "gw-dvclt");
        r.add("gateway.civil-status.password", () -> "dvclt-secret");
        r.add("gateway.civil-status.poll-interval", () -> "1h");
        r.add("gateway.civil-status.response-timeout-ms", () -> 2000);
        r.add("gateway.civil-status.connect-timeout-ms", () -> 1000);
        r.add("gateway.civil-status.circuit-breaker.minimum-number-of-calls", () -> 50);
        r.add("gateway.civil-status.files.folder", files::toString);
        r.add("gateway.civil-status.files.max-file-size", () -> MAX_FILE + "B");
        r.add("gateway.http.max-body-per-path[/api/v1/portal/dossiers]", () -> "6MB");
        r.add("gateway.delivery.poll-interval", () -> "50ms");
        r.add("gateway.delivery.initial-backoff", () -> "50ms");
        r.add("gateway.delivery.max-backoff", () -> "300ms");
        r.add("gateway.delivery.lease", () -> "12s");
        r.add("gateway.delivery.lease-margin", () -> "1s");
        r.add("gateway.security.api-keys[0].client-id", () -> "one-stop");
        r.add("gateway.security.api-keys[0].sha256", () -> ApiKeyAuthenticationFilter.sha256(READER_KEY));
        r.add("gateway.security.api-keys[0].scopes", () -> "civil-status:read,civil-status:write");
        r.add("gateway.security.api-keys[0].requests-per-second", () -> 100000);
        r.add("gateway.security.api-keys[1].client-id", () -> "lgsp");
        r.add("gateway.security.api-keys[1].sha256", () -> ApiKeyAuthenticationFilter.sha256(PUSH_KEY));
        r.add("gateway.security.api-keys[1].scopes", () -> "portal:push");
    }

    @BeforeEach
    void resetSimulators() {
        SERVICE.clearFaults();
        ONE_STOP.reset();
    }

    /** The one-stop requests about one dossier (by its portal code in the body). */
    static List<JsonNode> oneStopDossiers(String portalCode) {
        return ONE_STOP.accepted().stream().map(CivilStatusTestSupport::body)
                .filter(b -> portalCode.equals(b.path("portalCode").asText())).toList();
    }

    static List<OneStopRequest> oneStopRequests(String portalCode) {
        return ONE_STOP.accepted().stream().filter(r -> portalCode.equals(body(r).path("portalCode").asText())).toList();
    }

    static JsonNode body(OneStopRequest r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    List<StoredEvent> events(String destination, String portalCode) {
        return store.byPartition(destination, portalCode);
    }

    HttpResponse<byte[]> get(String url, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (key != null) {
            b.header("X-API-Key", key);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path, String key, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file link as the one-stop system gets it, on this test's gateway (the configured base URL has port 0). */
    String local(String url) {
        return url.replaceFirst("^http://localhost:\\d+", "http://localhost:" + port);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fail("timed out waiting for: " + what);
    }
}
