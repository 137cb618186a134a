package vn.lienthong.gateway.payments;

import static org.junit.jupiter.api.Assertions.fail;

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

import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.onestop.OneStopDestination;
import vn.lienthong.gateway.sandbox.OneStopRequest;
import vn.lienthong.gateway.sandbox.OneStopSimulator;
import vn.lienthong.gateway.sandbox.PaymentPlatformSimulator;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;

/**
 * One application context for the payment tests: the gateway on an in-memory H2 database, the payment platform and the
 * one-stop system simulated on dynamic ports, the platform's confirm sent to this gateway. The QUERY timer runs hourly:
 * tests run the job themselves ({@link PaymentQueries#runWithLock}); every unconfirmed transaction is due at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PaymentsTestSupport {
    static final String ONE_STOP_KEY = "test-one-stop-key";
    /** The one-stop system's key at the gateway (payment:write, payment:read, dossier:write). */
    static final String CLIENT_KEY = "test-payments-client";
    static final String BILL_KEY = "test-portal-bill-key";
    static final String PARTNER = "H47-TEST";
    static final String SECRET = "platform-secret-for-tests";
    static final ObjectMapper JSON = new ObjectMapper();
    static final PaymentPlatformSimulator PLATFORM = new PaymentPlatformSimulator(0, PARTNER, SECRET, null).start();
    static final OneStopSimulator ONE_STOP = new OneStopSimulator(0, "X-API-Key", ONE_STOP_KEY).start();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    @LocalServerPort
    int port;
    @Autowired
    DeliveryStore store;
    @Autowired
    Transactions txs;
    @Autowired
    PaymentQueries queries;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> "jdbc:h2:mem:payments;DB_CLOSE_DELAY=-1");
        r.add("gateway.portal.base-url", () -> "http://localhost:9/portal");
        r.add("gateway.portal.username", () -> "gw");
        r.add("gateway.portal.password", () -> "unused");
        r.add("gateway.portal.dstcode", () -> "DST-TEST");
        r.add("gateway.callbacks.secret", () -> "unused-callback-secret-at-least-32-bytes-long-0000");
        r.add("gateway.callbacks.payment-secret", () -> "unused-payment-secret-at-least-32-bytes-long-0000");
        r.add("gateway.one-stop.base-url", ONE_STOP::baseUrl);
        r.add("gateway.one-stop.api-key", () -> ONE_STOP_KEY);
        r.add("gateway.payments.enabled", () -> "true");
        r.add("gateway.payments.init-url", () -> PLATFORM.baseUrl() + PaymentPlatformSimulator.INIT);
        r.add("gateway.payments.query-url", () -> PLATFORM.baseUrl() + PaymentPlatformSimulator.QUERY);
        r.add("gateway.payments.bill-url", () -> PLATFORM.baseUrl() + PaymentPlatformSimulator.BILL);
        r.add("gateway.payments.partner-code", () -> PARTNER);
        r.add("gateway.payments.secret", () -> SECRET);
        r.add("gateway.payments.ip", () -> "10.0.0.5");
        r.add("gateway.payments.init.beneficiary-account", () -> "0011000000001");
        r.add("gateway.payments.init.beneficiary-bank", () -> "VCB");
        r.add("gateway.payments.init.beneficiary-name", () -> "KHO BAC");
        r.add("gateway.payments.query.interval", () -> "1h");
        r.add("gateway.payments.query.first-after", () -> "0s");
        r.add("gateway.payments.query.initial-backoff", () -> "0s");
        r.add("gateway.payments.query.max-backoff", () -> "0s");
        r.add("gateway.payments.response-timeout-ms", () -> 2000);
        r.add("gateway.payments.circuit-breaker.minimum-number-of-calls", () -> 1000);
        r.add("gateway.delivery.poll-interval", () -> "50ms");
        r.add("gateway.delivery.initial-backoff", () -> "50ms");
        r.add("gateway.delivery.max-backoff", () -> "300ms");
        r.add("gateway.security.api-keys[0].client-id", () -> "one-stop");
        r.add("gateway.security.api-keys[0].sha256", () -> ApiKeyAuthenticationFilter.sha256(CLIENT_KEY));
        r.add("gateway.security.api-keys[0].scopes", () -> "payment:write,payment:read,dossier:write,dossier:read");
        r.add("gateway.security.api-keys[0].requests-per-second", () -> 100000);
        r.add("gateway.security.api-keys[1].client-id", () -> "lgsp");
        r.add("gateway.security.api-keys[1].sha256", () -> ApiKeyAuthenticationFilter.sha256(BILL_KEY));
        r.add("gateway.security.api-keys[1].scopes", () -> "payment:bill");
    }

    @BeforeEach
    void resetSimulators() {
        PLATFORM.clearFaults();
        PLATFORM.confirmTo("http://localhost:" + port + "/api/v1/payment-platform/confirm");
        ONE_STOP.reset();
    }

    /** A fresh dossier code (a real date, a new number). */
    static String dossier() {
        return String.format("000.00.12.H47-241124-%04d", NEXT.getAndIncrement());
    }

    /** A valid request to open a payment of one fee of {@code amount} đồng. */
    static ObjectNode request(String dossier, long amount) {
        ObjectNode r = JSON.createObjectNode();
        r.put("dossierCode", dossier);
        r.put("procedureCode", "1.001612");
        r.put("procedureName", "Đăng ký khai sinh");
        r.put("agencyCode", "000.00.12.H47");
        r.put("agencyName", "UBND phường Hội An");
        r.put("amount", amount);
        r.putArray("fees").addObject().put("name", "Lệ phí đăng ký khai sinh").put("kind", "CHARGE").put("amount", amount);
        r.putObject("payer").put("name", "Trần Thị Lan").put("idNumber", "049185000123").put("address", "12 Lê Lợi, Hội An");
        return r;
    }

    HttpResponse<String> open(ObjectNode request, String key) {
        return post("/api/v1/payments", CLIENT_KEY, key, request.toString());
    }

    /** Opens a payment and returns its reference. */
    String opened(String dossier, long amount) {
        HttpResponse<String> a = open(request(dossier, amount), "k-" + dossier);
        if (a.statusCode() != 201) {
            fail("open answered " + a.statusCode() + ": " + a.body());
        }
        return json(a.body()).get("reference").asText();
    }

    HttpResponse<String> post(String path, String apiKey, String idempotencyKey, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b);
    }

    HttpResponse<String> get(String path, String apiKey) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("X-API-Key", apiKey).GET());
    }

    HttpResponse<byte[]> getBytes(String path, String apiKey) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                    .header("X-API-Key", apiKey).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one-stop system's payment requests about one dossier. */
    static List<OneStopRequest> oneStopPayments(String dossier) {
        return ONE_STOP.accepted().stream().filter(r -> r.path().equals("/api/v1/dossiers/" + dossier + "/payments")).toList();
    }

    List<vn.lienthong.gateway.delivery.StoredEvent> oneStopEvents(String dossier) {
        return store.byPartition(OneStopDestination.NAME, dossier);
    }

    static List<PaymentPlatformSimulator.Received> platformCalls(String kind, String reference) {
        return PLATFORM.received().stream().filter(r -> r.path().equals(kind) && r.body().contains("\"" + reference + "\"")).toList();
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(s, e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
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
