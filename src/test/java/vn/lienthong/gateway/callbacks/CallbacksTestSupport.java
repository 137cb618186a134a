package vn.lienthong.gateway.callbacks;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.sandbox.OneStopRequest;
import vn.lienthong.gateway.sandbox.OneStopSimulator;
import vn.lienthong.gateway.sandbox.PortalSimulator;

/**
 * One application context for every callback test: the gateway on an in-memory H2 database, the portal and
 * the one-stop system simulated by WireMock on dynamic ports, short delivery backoffs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CallbacksTestSupport {
    static final String SECRET = "test-callback-secret-at-least-32-bytes-long-00000000";
    static final String OLD_SECRET = "test-callback-secret-rotated-out";
    static final String PAYMENT_SECRET = "test-payment-secret-at-least-32-bytes-long-00000000";
    static final String ONE_STOP_KEY = "test-one-stop-key";
    static final ObjectMapper JSON = new ObjectMapper();
    static final PortalSimulator PORTAL = new PortalSimulator(0, "gw", "secret").start();
    static final OneStopSimulator ONE_STOP = new OneStopSimulator(0, "X-API-Key", ONE_STOP_KEY).start();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;
    @Autowired
    DeliveryStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> "jdbc:h2:mem:callbacks;DB_CLOSE_DELAY=-1");
        r.add("gateway.portal.base-url", PORTAL::baseUrl);
        r.add("gateway.portal.username", () -> "gw");
        r.add("gateway.portal.password", () -> "secret");
        r.add("gateway.portal.dstcode", () -> "DST-TEST");
        r.add("gateway.callbacks.secret", () -> SECRET);
        r.add("gateway.callbacks.previous-secret", () -> OLD_SECRET);
        r.add("gateway.callbacks.payment-secret", () -> PAYMENT_SECRET);
        r.add("gateway.callbacks.poll-agency", () -> "000.00.00.H47");
        r.add("gateway.http.max-body-per-path[/api/v1/portal/callbacks]", () -> "16KB");
        r.add("gateway.callbacks.poll-interval", () -> "200ms");
        r.add("gateway.one-stop.base-url", ONE_STOP::baseUrl);
        r.add("gateway.one-stop.api-key", () -> ONE_STOP_KEY);
        r.add("gateway.one-stop.response-timeout-ms", () -> 3000);
        r.add("gateway.one-stop.circuit-breaker.minimum-number-of-calls", () -> 5);
        r.add("gateway.one-stop.circuit-breaker.sliding-window-size", () -> 10);
        r.add("gateway.one-stop.circuit-breaker.wait-in-open-state", () -> "500ms");
        r.add("gateway.delivery.poll-interval", () -> "50ms");
        r.add("gateway.delivery.initial-backoff", () -> "50ms");
        r.add("gateway.delivery.max-backoff", () -> "300ms");
    }

    @BeforeEach
    void resetSimulators() {
        PORTAL.reset();
        ONE_STOP.reset();
    }

    /**
     * A sample callback of src/test/resources/sandbox/callbacks/ (the same the sandbox fires); a payment's MaXacThuc
     * sealed again with this suite's payment secret (the sandbox's is refused outside the sandbox).
     */
    static ObjectNode sample(String name) {
        ObjectNode c = (ObjectNode) read("/sandbox/callbacks/" + name + ".json");
        ObjectNode data = (ObjectNode) c.get("DuLieu");
        if (data.has("MaXacThuc")) {
            data.put("MaXacThuc", PaymentCode.compute(data, List.of("MaHoSo", "MaThamChieu", "MaGiaoDich", "SoTien",
                    "TrangThai", "ThoiDiem", "MaKenhThanhToan"), PAYMENT_SECRET));
        }
        return c;
    }

    static JsonNode read(String resource) {
        try (InputStream in = CallbacksTestSupport.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh dossier code, so tests sharing the context never share an ordering partition. */
    static String dossier() {
        return String.format("000.00.12.H47-261124-%04d", (int) (Math.random() * 10000));
    }

    /** Posts a body signed with {@code secret} at {@code timestamp}, as the portal would. */
    HttpResponse<String> post(String body, String messageId, String secret, long timestamp) {
        return post(body.getBytes(StandardCharsets.UTF_8), messageId, secret, timestamp);
    }

    /** The same with the body's bytes as given (they need not be UTF-8). */
    HttpResponse<String> post(byte[] raw, String messageId, String secret, long timestamp) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/portal/callbacks"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Portal-Timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw));
        if (messageId != null) {
            b.header("X-Portal-Message-Id", messageId);
        }
        if (secret != null) {
            b.header("X-Portal-Signature", CallbackSignature.sign(secret, Long.toString(timestamp), raw));
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(JsonNode callback, String messageId) {
        return post(callback.toString(), messageId, SECRET, now());
    }

    /** The requests the one-stop system accepted for one callback (by its Idempotency-Key). */
    static List<OneStopRequest> deliveredFor(String idemKey) {
        return ONE_STOP.accepted().stream().filter(r -> ("national-portal:" + idemKey).equals(r.header("Idempotency-Key"))).toList();
    }

    /** Every request (accepted or not) the one-stop system received for one callback. */
    static List<OneStopRequest> receivedFor(String idemKey) {
        return ONE_STOP.requests().stream().filter(r -> ("national-portal:" + idemKey).equals(r.header("Idempotency-Key"))).toList();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("timed out waiting for " + what);
    }
}
