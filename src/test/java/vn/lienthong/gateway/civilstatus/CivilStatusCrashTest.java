package vn.lienthong.gateway.civilstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.sandbox.CivilStatusFault;
import vn.lienthong.gateway.sandbox.CivilStatusSamples;
import vn.lienthong.gateway.sandbox.CivilStatusSimulator;
import vn.lienthong.gateway.sandbox.OneStopFault;
import vn.lienthong.gateway.sandbox.OneStopSimulator;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;
import vn.lienthong.gateway.support.GatewayProcess;

/**
 * A gateway killed (SIGKILL) while it takes in a poll of 200 dossiers, twice: while acknowledgements are slow (dossiers
 * stored, not yet acknowledged) and while details download slowly (files half written). After each restart on the same
 * H2 file and file folder, every dossier reaches the one-stop system once with every file intact, and is acknowledged.
 */
class CivilStatusCrashTest {
    private static final int DOSSIERS = 200;
    private static final String READER = "crash-one-stop-reader";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CivilStatusSimulator service = new CivilStatusSimulator(0, "gw", "crash-secret", 1800).start();
    private final OneStopSimulator oneStop = new OneStopSimulator(0, "X-API-Key", "crash-one-stop-key").start();
    private GatewayProcess gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null && gateway.alive()) {
            gateway.kill();
        }
        service.stop();
        oneStop.stop();
    }

    private GatewayProcess start(Path dir, String name) throws Exception {
        return GatewayProcess.start(name, List.of("-Xmx256m"), List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("gateway") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--gateway.one-stop.base-url=" + oneStop.baseUrl(), "--gateway.one-stop.api-key=crash-one-stop-key",
                "--gateway.portal.base-url=http://localhost:9/portal", "--gateway.portal.username=gw",
                "--gateway.portal.password=unused", "--gateway.portal.dstcode=UNUSED",
                "--gateway.civil-status.enabled=true", "--gateway.civil-status.base-url=" + service.baseUrl(),
                "--gateway.civil-status.username=gw", "--gateway.civil-status.password=crash-secret",
                "--gateway.civil-status.poll-interval=1s", "--gateway.civil-status.poll-lock-at-most-for=5s", "--gateway.civil-status.connect-timeout-ms=1000",
                "--gateway.civil-status.response-timeout-ms=2000", "--gateway.civil-status.files.folder=" + dir.resolve("files"),
                "--gateway.civil-status.circuit-breaker.minimum-number-of-calls=1000",
                "--gateway.delivery.lease=12s", "--gateway.delivery.lease-margin=1s", "--gateway.delivery.initial-backoff=100ms",
                "--gateway.delivery.max-backoff=1s", "--gateway.delivery.max-attempts=0",
                "--gateway.security.api-keys[1].client-id=reader",
                "--gateway.security.api-keys[1].sha256=" + ApiKeyAuthenticationFilter.sha256(READER),
                "--gateway.security.api-keys[1].scopes=civil-status:read", "--gateway.security.api-keys[1].requests-per-second=100000"));
    }

    /** Killed between store and acknowledgement, then mid-download: each dossier once, files intact, all acknowledged. */
    @Test
    void shouldForwardEachDossierOnceWithIntactFilesWhenKilledDuringPoll() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "civil-status-crash").toAbsolutePath();
        List<CivilStatusSamples.Dossier> all = new ArrayList<>();
        for (int n = 1; n <= DOSSIERS; n++) {
            CivilStatusSamples.Dossier d = CivilStatusSamples.sized(5000 + n, 1 + n % 2, 20_000 + 97 * n);
            all.add(d);
            service.add(d);
        }
        // Nothing reaches the one-stop system until the end, so a kill never lands between its answer and the commit.
        oneStop.addFault(OneStopFault.down(-1));
        service.addFault(new CivilStatusFault(CivilStatusFault.Mode.SLOW, -1, "ack", null, 1500, 503));
        gateway = start(dir, "civil-crash-1");
        gateway.await("dossiers stored, acknowledgements pending", Duration.ofSeconds(120),
                () -> service.calls().stream().filter(c -> c.equals("PUT ack")).count() >= 8);
        gateway.kill();

        service.clearFaults();
        service.addFault(new CivilStatusFault(CivilStatusFault.Mode.SLOW, -1, "detail", null, 1200, 503));
        gateway = start(dir, "civil-crash-2");
        long details = service.calls().stream().filter(c -> c.equals("GET detail")).count();
        gateway.await("downloads under way", Duration.ofSeconds(120),
                () -> service.calls().stream().filter(c -> c.equals("GET detail")).count() >= details + 6);
        gateway.kill();

        service.clearFaults();
        oneStop.clearFaults();
        gateway = start(dir, "civil-crash-3");
        gateway.await("every dossier acknowledged and forwarded", Duration.ofSeconds(600),
                () -> service.acknowledgedCodes().size() == DOSSIERS && forwarded().size() == DOSSIERS);

        Map<String, List<JsonNode>> byCode = forwarded();
        for (CivilStatusSamples.Dossier d : all) {
            assertThat(byCode.get(d.code())).as("one-stop requests of %s", d.code()).hasSize(1);
            JsonNode files = byCode.get(d.code()).get(0).get("files");
            assertThat(files).hasSize(d.attachments().size());
            for (int i = 0; i < files.size(); i++) {
                String url = files.get(i).get("url").asText().replaceFirst("^http://localhost:\\d+", "http://localhost:" + gateway.port());
                HttpResponse<byte[]> got = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", READER).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(got.statusCode()).as("fetch of file %d of %s", i, d.code()).isEqualTo(200);
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(got.body())))
                        .as("file %d of %s", i, d.code()).isEqualTo(d.attachments().get(i).sha256());
            }
        }
        assertThat(service.waitingCodes()).isEmpty();
    }

    private Map<String, List<JsonNode>> forwarded() {
        return oneStop.accepted().stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (Exception e) {
                return JSON.createObjectNode();
            }
        }).filter(b -> b.has("portalCode")).collect(Collectors.groupingBy(b -> b.get("portalCode").asText()));
    }
}
