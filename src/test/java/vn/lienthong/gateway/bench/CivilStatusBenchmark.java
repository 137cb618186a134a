package vn.lienthong.gateway.bench;

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
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.lienthong.gateway.sandbox.CivilStatusSamples;
import vn.lienthong.gateway.sandbox.CivilStatusSimulator;
import vn.lienthong.gateway.sandbox.OneStopSimulator;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;
import vn.lienthong.gateway.support.GatewayProcess;

/**
 * Intake of linked civil-status dossiers with large files by a gateway whose heap is held at -Xmx256m (its own JVM,
 * -XX:+ExitOnOutOfMemoryError: an OutOfMemoryError ends the run): {@code bench.civil-dossiers} dossiers (200) of
 * {@code bench.civil-mb} MB of PDF each (5, in two files) wait at the service simulator (in this JVM, with the one-stop
 * simulator); timed from the gateway's start until every dossier is acknowledged and forwarded. The gateway's heap is
 * sampled every 200 ms (actuator jvm.memory.used, area heap); a sample of files is fetched back and checked.
 * Prints, last: {@code bench civil-status dossiers=… mb_per_s=… max_heap_mb=…}.
 */
public final class CivilStatusBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "bench-admin-key";

    private CivilStatusBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1); // the gateway's and the simulators' threads would keep this JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        int dossiers = Integer.getInteger("bench.civil-dossiers", 200);
        int mb = Integer.getInteger("bench.civil-mb", 5);
        CivilStatusSimulator service = new CivilStatusSimulator(0, "gw", "bench-secret", 1800).start();
        OneStopSimulator oneStop = new OneStopSimulator(0, "X-API-Key", "bench-one-stop-key").start();
        long bytes = 0;
        for (int n = 1; n <= dossiers; n++) {
            CivilStatusSamples.Dossier d = CivilStatusSamples.sized(20_000 + n, 2, mb * 1024 * 1024);
            service.add(d);
            bytes += d.attachments().stream().mapToLong(CivilStatusSamples.Attachment::size).sum();
        }
        Path dir = Files.createTempDirectory(Path.of("target"), "civil-status-bench").toAbsolutePath();
        long start = System.nanoTime();
        GatewayProcess gateway = GatewayProcess.start("civil-bench", List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("gateway") + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0;CACHE_SIZE=2048",
                "--gateway.one-stop.base-url=" + oneStop.baseUrl(), "--gateway.one-stop.api-key=bench-one-stop-key",
                "--gateway.portal.base-url=http://localhost:9/portal", "--gateway.portal.username=gw",
                "--gateway.portal.password=unused", "--gateway.portal.dstcode=UNUSED",
                "--gateway.catalogue.agency=000.00.00.H47", "--gateway.catalogue.auto-refresh=false",
                "--gateway.civil-status.enabled=true", "--gateway.civil-status.base-url=" + service.baseUrl(),
                "--gateway.civil-status.username=gw", "--gateway.civil-status.password=bench-secret",
                "--gateway.civil-status.poll-interval=1s", "--gateway.civil-status.files.folder=" + dir.resolve("files"),
                "--gateway.security.api-keys[1].client-id=bench", "--gateway.security.api-keys[1].sha256="
                        + ApiKeyAuthenticationFilter.sha256(ADMIN), "--gateway.security.api-keys[1].scopes=admin,civil-status:read",
                "--gateway.security.api-keys[1].requests-per-second=100000"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong maxHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port()
                            + "/actuator/metrics/jvm.memory.used?tag=area:heap")).header("X-API-Key", ADMIN).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long used = JSON.readTree(r.body()).path("measurements").get(0).path("value").asLong();
                    maxHeap.accumulateAndGet(used, Math::max);
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the gateway is busy or gone; the run's own wait reports it
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            gateway.await("every dossier taken in", Duration.ofMinutes(60),
                    () -> service.acknowledgedCodes().size() == dossiers && forwarded(oneStop).size() == dossiers);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            int checked = check(oneStop, gateway.port(), http, service);
            System.out.printf("taken in %d dossiers, %.1f MB of files, in %.1f s (gateway start included); %d files fetched back,"
                    + " checksums equal%n", dossiers, bytes / 1048576.0, seconds, checked);
            System.out.printf("bench civil-status dossiers=%d mb_per_s=%.2f max_heap_mb=%.0f%n", dossiers,
                    bytes / 1048576.0 / seconds, maxHeap.get() / 1048576.0);
        } finally {
            gateway.stop();
            service.stop();
            oneStop.stop();
        }
    }

    private static Set<String> forwarded(OneStopSimulator oneStop) {
        return oneStop.accepted().stream().map(r -> r.body()).filter(b -> b.contains("\"portalCode\""))
                .map(b -> {
                    try {
                        return JSON.readTree(b).get("portalCode").asText();
                    } catch (Exception e) {
                        return "";
                    }
                }).collect(Collectors.toSet());
    }

    /** Fetches the files of every twentieth forwarded dossier and compares their SHA-256 with the body's. */
    private static int check(OneStopSimulator oneStop, int port, HttpClient http, CivilStatusSimulator service) throws Exception {
        int checked = 0;
        List<String> bodies = oneStop.accepted().stream().map(r -> r.body()).toList();
        for (int i = 0; i < bodies.size(); i += 20) {
            for (JsonNode f : JSON.readTree(bodies.get(i)).path("files")) {
                String url = f.get("url").asText().replaceFirst("^http://localhost:\\d+", "http://localhost:" + port);
                byte[] got = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", ADMIN).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(got));
                if (!sha.equals(f.get("sha256").asText())) {
                    throw new IllegalStateException("file " + f.get("name").asText() + " differs from what was taken in");
                }
                checked++;
            }
        }
        return checked;
    }
}
