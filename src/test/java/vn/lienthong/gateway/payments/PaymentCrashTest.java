package vn.lienthong.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.sandbox.OneStopFault;
import vn.lienthong.gateway.sandbox.OneStopSimulator;
import vn.lienthong.gateway.sandbox.PaymentPlatformSimulator;
import vn.lienthong.gateway.support.GatewayIntegrationTest;
import vn.lienthong.gateway.support.GatewayProcess;

/**
 * A gateway killed (SIGKILL) while the platform's confirms arrive, every answered confirm committed but none forwarded
 * yet (the one-stop system down). After a restart on the same H2 file, each answered confirm's payment is PAID, the
 * platform's repeats change nothing, and each payment reaches the one-stop system exactly once.
 */
class PaymentCrashTest {
    private static final int PAYMENTS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final PaymentPlatformSimulator platform = new PaymentPlatformSimulator(0, "CRASH", "crash-platform-secret", null).start();
    private final OneStopSimulator oneStop = new OneStopSimulator(0, "X-API-Key", "crash-one-stop-key").start();
    private GatewayProcess gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null && gateway.alive()) {
            gateway.kill();
        }
        platform.stop();
        oneStop.stop();
    }

    private GatewayProcess start(Path dir, String name) throws Exception {
        GatewayProcess g = GatewayProcess.start(name, List.of("-Xmx256m"), List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("gateway") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--gateway.one-stop.base-url=" + oneStop.baseUrl(), "--gateway.one-stop.api-key=crash-one-stop-key",
                "--gateway.portal.base-url=http://localhost:9/portal", "--gateway.portal.username=gw",
                "--gateway.portal.password=unused", "--gateway.portal.dstcode=UNUSED",
                "--gateway.payments.enabled=true", "--gateway.payments.init-url=" + platform.baseUrl() + PaymentPlatformSimulator.INIT,
                "--gateway.payments.query-url=" + platform.baseUrl() + PaymentPlatformSimulator.QUERY,
                "--gateway.payments.bill-url=" + platform.baseUrl() + PaymentPlatformSimulator.BILL,
                "--gateway.payments.partner-code=CRASH", "--gateway.payments.secret=crash-platform-secret",
                "--gateway.payments.query.interval=1h",
                "--gateway.security.api-keys[0].scopes=dossier:write,dossier:read,payment:write,payment:read",
                "--gateway.delivery.initial-backoff=100ms", "--gateway.delivery.max-backoff=1s", "--gateway.delivery.max-attempts=0"));
        platform.confirmTo("http://localhost:" + g.port() + "/api/v1/payment-platform/confirm");
        return g;
    }

    /** Killed while confirms arrive: every answered confirm survives, each payment forwarded once after restart. */
    @Test
    void shouldForwardEachPaymentOnceWhenKilledBetweenConfirmCommitAndForwarding() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "payment-crash").toAbsolutePath();
        oneStop.addFault(OneStopFault.down(-1));
        gateway = start(dir, "payment-crash-1");
        List<String> refs = new ArrayList<>();
        for (int i = 1; i <= PAYMENTS; i++) {
            refs.add(open(String.format("000.00.12.H47-241124-%04d", i), 10000L * i));
        }
        ExecutorService payers = Executors.newFixedThreadPool(4);
        for (String ref : refs) {
            payers.submit(() -> platform.pay(ref, true));
        }
        gateway.await("half the confirms answered", Duration.ofSeconds(60),
                () -> platform.sent().stream().filter(s -> s.status() == 200).count() >= PAYMENTS / 2);
        gateway.kill();
        payers.shutdown();
        assertThat(payers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        List<String> answered = platform.sent().stream().filter(s -> s.status() == 200)
                .map(s -> read(s.body()).get("MaThamChieu").asText()).toList();
        assertThat(answered).hasSizeGreaterThanOrEqualTo(PAYMENTS / 2);
        assertThat(oneStop.accepted()).isEmpty();

        oneStop.clearFaults();
        gateway = start(dir, "payment-crash-2");
        for (String ref : answered) {
            JsonNode view = read(get("/api/v1/payments/" + ref).body());
            assertThat(view.get("state").asText()).as("state of %s, confirmed before the kill", ref).isEqualTo("PAID");
        }
        for (String ref : refs) {
            platform.confirmAgain(ref); // the platform repeats its confirm: the unanswered ones now land, the others change nothing
        }
        gateway.await("every payment's one-stop event delivered", Duration.ofSeconds(120), () -> refs.stream().allMatch(ref -> {
            try {
                JsonNode sent = read(get("/api/v1/payments/" + ref).body()).get("oneStop");
                return sent.size() == 1 && sent.get(0).get("state").asText().equals("DELIVERED");
            } catch (Exception e) {
                return false;
            }
        }));
        for (int i = 1; i <= PAYMENTS; i++) {
            String dossier = String.format("000.00.12.H47-241124-%04d", i);
            assertThat(oneStop.accepted().stream().filter(r -> r.path().equals("/api/v1/dossiers/" + dossier + "/payments")))
                    .as("one-stop payments of %s", dossier).hasSize(1)
                    .allSatisfy(r -> assertThat(read(r.body()).get("status").asText()).isEqualTo("PAID"));
        }
    }

    private String open(String dossier, long amount) throws Exception {
        String body = "{\"dossierCode\":\"" + dossier + "\",\"procedureCode\":\"1.001612\",\"amount\":" + amount
                + ",\"fees\":[{\"name\":\"Lệ phí\",\"amount\":" + amount + "}],\"payer\":{\"name\":\"Người nộp\"}}";
        HttpResponse<String> a = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/api/v1/payments"))
                .header("Content-Type", "application/json").header("X-API-Key", GatewayIntegrationTest.WRITER_KEY)
                .header("Idempotency-Key", "crash-" + dossier).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
        return read(a.body()).get("reference").asText();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return gateway.get(path);
    }

    private static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(s, e);
        }
    }
}
