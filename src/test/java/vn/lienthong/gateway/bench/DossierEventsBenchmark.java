package vn.lienthong.gateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.sandbox.PortalSimulator;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;
import vn.lienthong.gateway.storage.H2Compaction;
import vn.lienthong.gateway.support.GatewayProcess;

/**
 * End-to-end throughput of the dossier-events flow on the sandbox (H2 file, in-process portal simulator):
 * N events over M dossiers posted one per request by C client threads, then timed until the portal
 * simulator has applied every record. Not a test: run with {@code mvn -Pbench verify} (docs/benchmarks.md).
 * Settings: -Dbench.events, -Dbench.dossiers, -Dbench.clients, -Dbench.batch (events per request),
 * -Dbench.rate (offered events per second, open loop; 0 = as fast as answered), -Dbench.warmup-seconds (load on
 * other dossiers before measuring, drained first; default 60).
 * On PostgreSQL: -Dbench.postgres-url=jdbc:postgresql://… (a fresh schema per run) and
 * -Dbench.instances=2 to add a second gateway process on the same database; requests alternate between them.
 * -Dbench.spring-args="--key=value …" adds Spring arguments to the gateway (to compare a setting).
 * -Dbench.gateway-jvm=true runs the gateway in a JVM of its own (options: -Dbench.gateway-jvm-opts, default -Xmx1g)
 * with the portal simulator and the client in this one, so the gateway's heap and collections are its own, as deployed.
 * -Dbench.quiet-seconds=N then leaves the gateway N seconds without load and prints its H2 file every 30 s (the
 * gateway compacts it while quiet). The result line is printed last.
 */
public final class DossierEventsBenchmark {
    private static final String ONE_STOP_KEY = "bench-onestop-key";
    private static final String ADMIN_KEY = "bench-admin-key";
    /** The portal simulator's and the gateways' (the sandbox's own is refused outside the sandbox profile). */
    private static final String PORTAL_PASSWORD = "bench-portal-password";

    public static void main(String[] mainArgs) {
        try {
            run(mainArgs);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1); // the gateway's and the simulators' threads would keep this JVM alive
        }
    }

    private static void run(String[] mainArgs) throws Exception {
        // Extra Spring arguments for the gateway, e.g. to compare a setting: program arguments, or
        // -Dbench.spring-args="--a=1 --b=2" (what mvn -Pbench can pass).
        List<String> extra = new ArrayList<>(List.of(mainArgs));
        String springArgs = System.getProperty("bench.spring-args", "");
        if (!springArgs.isBlank()) {
            extra.addAll(List.of(springArgs.trim().split("\\s+")));
        }
        String[] args = extra.toArray(String[]::new);
        int events = Integer.getInteger("bench.events", 20_000);
        int dossiers = Integer.getInteger("bench.dossiers", 500);
        int clients = Integer.getInteger("bench.clients", 16);
        // Events per request: 1 posts each event on its own; more uses POST /api/v1/dossier-events/batch.
        int perRequest = Integer.getInteger("bench.batch", 1);
        // Offered load in events per second, spread evenly (open loop; latency counts from each request's planned
        // start, so a gateway falling behind shows in it); 0 sends as fast as the clients get answers (closed loop).
        int rate = Integer.getInteger("bench.rate", 0);
        Path data = Files.createTempDirectory("lienthong-bench");
        int port = freePort();
        String pgUrl = System.getProperty("bench.postgres-url", "");
        int instances = pgUrl.isBlank() ? 1 : Integer.getInteger("bench.instances", 1);
        List<String> common = new ArrayList<>(List.of("--gateway.portal.rate-limit-per-second=1000", "--logging.level.root=WARN",
                "--gateway.catalogue.agency=000.00.00.H47",
                "--logging.level.vn.lienthong=WARN",
                // The simulator counts everything but remembers little: its memory is not the gateway's. Each call it
                // keeps holds up to 100 records: with 200 kept they lived through several young collections and lengthened
                // the benchmark JVM's pauses.
                "--gateway.sandbox.portal-keep=" + Integer.getInteger("bench.portal-keep", 5), "--gateway.delivery.auto-start=" + !Boolean.getBoolean("bench.acceptOnly")));
        String[] pg = new String[0];
        if (!pgUrl.isBlank()) {
            String schema = "bench_" + System.currentTimeMillis();
            String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            pg = new String[] {"--spring.datasource.url=" + url, "--spring.datasource.username=" + System.getProperty("bench.postgres-user", "postgres"),
                    "--spring.datasource.password=", "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema};
        }
        // -Dbench.gateway-jvm=true: the gateway in a JVM of its own, as deployed, and the portal simulator in this one
        // with the client (the national side is elsewhere too); the default runs the sandbox in this JVM.
        boolean ownJvm = Boolean.getBoolean("bench.gateway-jvm");
        ConfigurableApplicationContext ctx = null;
        PortalSimulator portal;
        GatewayProcess gateway = null;
        int[] ports;
        GatewayProcess second = null;
        if (ownJvm) {
            if (instances > 1) {
                throw new IllegalArgumentException("bench.gateway-jvm runs one gateway; leave bench.instances at 1");
            }
            portal = new PortalSimulator(freePort(), "bench", "bench", Integer.getInteger("bench.portal-keep", 5)).start();
            List<String> gatewayArgs = new ArrayList<>(common);
            gatewayArgs.addAll(List.of(pg));
            gatewayArgs.addAll(List.of("--gateway.data-dir=" + data, "--gateway.portal.base-url=" + portal.baseUrl(),
                    "--gateway.portal.username=bench", "--gateway.portal.password=bench", "--gateway.portal.dstcode=BENCH"));
            gatewayArgs.addAll(benchKeys(1));
            if (!pgUrl.isBlank()) {
                gatewayArgs.add("--spring.profiles.active=postgres");
            }
            gatewayArgs.addAll(List.of(args));
            String opts = System.getProperty("bench.gateway-jvm-opts", "");
            gateway = GatewayProcess.start("bench", List.of((opts.isBlank() ? "-Xmx1g" : opts).trim().split("\\s+")), gatewayArgs);
            ports = new int[] {gateway.port(), gateway.port()};
        } else {
            List<String> first = new ArrayList<>(List.of("--server.port=" + port, "--gateway.sandbox.portal-port=" + freePort(),
                    "--gateway.data-dir=" + data, "--gateway.portal.password=" + PORTAL_PASSWORD));
            first.addAll(common);
            first.addAll(List.of(pg));
            first.addAll(benchKeys(0));
            first.addAll(List.of(args)); // extra Spring arguments, e.g. to compare a setting
            ctx = new SpringApplicationBuilder(GatewayApplication.class)
                    .profiles(pgUrl.isBlank() ? new String[] {"sandbox"} : new String[] {"sandbox", "postgres"})
                    .run(first.toArray(String[]::new));
            portal = ctx.getBean(PortalSimulator.class);
            ports = new int[] {port, port};
            if (instances > 1) {
                List<String> secondArgs = new ArrayList<>(common);
                secondArgs.addAll(List.of(pg));
                secondArgs.addAll(List.of("--spring.profiles.active=postgres", "--gateway.portal.base-url=" + portal.baseUrl(),
                        "--gateway.portal.username=sandbox", "--gateway.portal.password=" + PORTAL_PASSWORD, "--gateway.portal.dstcode=BENCH-2"));
                secondArgs.addAll(benchKeys(1));
                second = GatewayProcess.start("bench-2", secondArgs);
                ports[1] = second.port();
            }
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
        // A first touch of every path (one event per request), then the JIT warm-up proper below.
        long before = portal.appliedCounts()[1];
        int touched = new Phase(http, ports, "warm", codes(50, "2412"), 1, clients, 0).run(300, Long.MAX_VALUE);
        // JIT warm-up under the measured load's shape (other dossiers, other event ids), drained before measuring:
        // on 2 cores the compiler keeps a core busy for the first minute or two of load.
        int warmSeconds = Integer.getInteger("bench.warmup-seconds", 60);
        int warmPosted = 0;
        if (warmSeconds > 0) {
            Phase warm = new Phase(http, ports, "jit", codes(dossiers, "2410"), perRequest, clients, rate);
            int posted = warm.run(Integer.MAX_VALUE / 2, TimeUnit.SECONDS.toNanos(warmSeconds));
            warmPosted = posted;
            long until = System.nanoTime() + (Boolean.getBoolean("bench.acceptOnly") ? 0 : TimeUnit.MINUTES.toNanos(10));
            while (portal.appliedCounts()[1] - before < touched + posted && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            System.out.printf("bench warm-up seconds=%d events=%d%n", warmSeconds, posted);
        }
        long warm = portal.appliedCounts()[0];
        long warmProgress = portal.appliedCounts()[1];
        Phase measured = new Phase(http, ports, "bench", codes(dossiers, "2411"), perRequest, clients, rate);
        javax.sql.DataSource db = ctx == null ? null : ctx.getBean(javax.sql.DataSource.class);
        Map<String, Long> storeBefore = h2Store(db);
        CpuMeter.Sample cpuStart = CpuMeter.now();
        long gatewayCpuStart = gateway == null ? 0 : CpuMeter.ofProcess(gateway.pid());
        long start = System.nanoTime();
        measured.run(events, Long.MAX_VALUE);
        int requests = measured.requests;
        long[] latencies = measured.latencies;
        AtomicInteger refused = measured.refused;
        long accepted = System.nanoTime();
        long deadline = accepted + (Boolean.getBoolean("bench.acceptOnly") ? 0 : TimeUnit.MINUTES.toNanos(10));
        while ((portal.appliedCounts()[0] - warm < events || portal.appliedCounts()[1] - warmProgress < events)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long delivered = System.nanoTime();
        CpuMeter.Sample cpu = CpuMeter.now().minus(cpuStart);
        long gatewayCpu = gateway == null ? 0 : CpuMeter.ofProcess(gateway.pid()) - gatewayCpuStart;
        Map<String, Long> storeAfter = h2Store(db);
        long applied = Math.min(portal.appliedCounts()[0] - warm, portal.appliedCounts()[1] - warmProgress);
        Arrays.sort(latencies);
        if (!pgUrl.isBlank()) {
            System.out.printf("bench dossier-events-pg instances=%d events=%d delivered_per_s=%.0f accept_p99_ms=%.2f"
                            + " (accepted_per_s=%.0f accept_p50_ms=%.2f events_per_request=%d clients=%d refused=%d)%n",
                    instances, events, applied / secs(start, delivered), latencies[(int) (requests * 0.99)] / 1e6,
                    events / secs(start, accepted), latencies[requests / 2] / 1e6, perRequest, clients, refused.get());
        }
        if (second != null) {
            second.kill();
        }
        // The result line comes last (docs/benchmarks.md); what the run cost and what the file became, before it.
        String result = String.format(Locale.ROOT, "bench dossier-events events=%d dossiers=%d clients=%d events_per_request=%d "
                        + "offered_per_s=%s refused=%d applied=%d accepted_per_s=%.0f delivered_per_s=%.0f accept_p50_ms=%.2f accept_p99_ms=%.2f",
                events, dossiers, clients, perRequest, rate > 0 ? Integer.toString(rate) : "max", refused.get(), applied,
                events / secs(start, accepted),
                applied / secs(start, delivered), latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6);
        // What the run cost this process (client, gateway, simulator; PostgreSQL's own processes not counted), per event.
        System.out.println("bench dossier-events " + cpu.perUnit("event", applied));
        if (gateway != null) {
            // This process is the client and the simulator; the gateway's JVM (all its threads) is counted apart.
            System.out.printf(Locale.ROOT, "bench dossier-events gateway_jvm cpu_us_per_event=%.0f%n", gatewayCpu / 1e3 / Math.max(1, applied));
        }
        if (!storeAfter.isEmpty()) {
            // H2's own counters: each store writes the pages changed since the previous one, as one chunk.
            System.out.printf(Locale.ROOT, "bench dossier-events h2 file_writes_per_s=%.0f kb_written_per_event=%.2f%n",
                    (storeAfter.get("info.FILE_WRITE") - storeBefore.get("info.FILE_WRITE")) / secs(start, delivered),
                    (storeAfter.get("info.FILE_WRITE_BYTES") - storeBefore.get("info.FILE_WRITE_BYTES")) / 1024.0 / Math.max(1, applied));
        }
        Path h2File = data.resolve("gateway.mv.db");
        if (Files.exists(h2File)) {
            // The file after warm-up and measured run: what the gateway's compaction let it grow to, and how full its chunks are.
            // Cache hits and page reads count from the database's opening: warm-up included.
            long stored = touched + warmPosted + events;
            System.out.println("bench dossier-events h2 " + h2File(ctx, gateway, h2File) + String.format(Locale.ROOT,
                    " page_reads_per_event=%.2f events_stored=%d", h2Figure(ctx, gateway, "reads") / Math.max(1, stored), stored));
            // -Dbench.quiet-seconds=N: then N seconds without load, in which the gateway compacts the file.
            int quiet = Integer.getInteger("bench.quiet-seconds", 0);
            for (int waited = 0; waited < quiet; waited += 30) {
                Thread.sleep(Math.min(30, quiet - waited) * 1000L);
                System.out.printf(Locale.ROOT, "bench dossier-events h2 quiet_seconds=%d %s%n", Math.min(waited + 30, quiet),
                        h2File(ctx, gateway, h2File));
            }
        }
        System.out.println(result);
        if (ctx != null) {
            ctx.close();
        } else {
            gateway.stop();
            portal.stop();
        }
        deleteTree(data); // a run leaves gigabytes of H2 file behind otherwise
        System.exit(0);
    }

    /** The H2 file's size and fill, and the gateway compaction's steps (rewrites, moves). */
    private static String h2File(ConfigurableApplicationContext ctx, GatewayProcess gateway, Path h2File) throws IOException {
        return String.format(Locale.ROOT, "file_mb=%.0f chunks_fill_percent=%.0f gateway_compaction_steps=%.0f moves=%.0f "
                        + "cache_hit_percent=%.0f", Files.size(h2File) / 1048576.0, h2Figure(ctx, gateway, "fill"),
                h2Figure(ctx, gateway, "steps"), h2Figure(ctx, gateway, "moves"), h2Figure(ctx, gateway, "hits"));
    }

    /** One figure of the gateway's H2 file: from its bean in this JVM, or from its Prometheus page (NaN if absent). */
    private static double h2Figure(ConfigurableApplicationContext ctx, GatewayProcess gateway, String figure) {
        if (ctx != null) {
            H2Compaction h2 = ctx.getBean(H2Compaction.class);
            return switch (figure) {
                case "fill" -> h2.chunksFillRate();
                case "steps" -> h2.steps();
                case "moves" -> h2.moves();
                case "hits" -> h2.cacheHitPercent();
                default -> h2.fileReads();
            };
        }
        String value = metric(prometheus(gateway.port()), switch (figure) {
            case "fill" -> "lienthong_h2_chunks_fill_percent";
            case "steps" -> "lienthong_h2_compaction_steps_total";
            case "moves" -> "lienthong_h2_compaction_moves_total";
            case "hits" -> "lienthong_h2_cache_hits_percent";
            default -> "lienthong_h2_file_reads_total";
        });
        return "?".equals(value) ? Double.NaN : Double.parseDouble(value);
    }

    /**
     * The benchmark's keys, from index {@code first} of gateway.security.api-keys: the one-stop system's, which the
     * benchmark's requests carry (no rate limit worth the name), and the administrator's, with which it reads the
     * gateway's metrics. Not the sandbox's demo keys: the gateway refuses those outside the sandbox profile.
     */
    static List<String> benchKeys(int first) {
        String k = "--gateway.security.api-keys[";
        return List.of(k + first + "].client-id=bench-onestop", k + first + "].sha256=" + ApiKeyAuthenticationFilter.sha256(ONE_STOP_KEY),
                k + first + "].scopes=dossier:write,dossier:read", k + first + "].requests-per-second=1000000",
                k + (first + 1) + "].client-id=bench-admin", k + (first + 1) + "].sha256=" + ApiKeyAuthenticationFilter.sha256(ADMIN_KEY),
                k + (first + 1) + "].scopes=admin");
    }

    /** The gateway's Prometheus page, read with the sandbox admin key; empty if it cannot be read. */
    static String prometheus(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .header("X-API-Key", ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** One value of a Prometheus page, or "?" if it is not there. */
    static String metric(String page, String name) {
        for (String line : page.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return line.substring(line.lastIndexOf(' ') + 1);
            }
        }
        return "?";
    }

    static String[] codes(int dossiers, String yymm) {
        String[] codes = new String[dossiers];
        for (int d = 0; d < dossiers; d++) {
            codes[d] = String.format("000.00.12.H47-%s-%04d", yymm + String.format("%02d", 1 + d / 9000), 1 + d % 9000);
        }
        return codes;
    }

    /** One load phase: events over the dossiers, posted by the clients, open or closed loop. */
    static final class Phase {
        final HttpClient http;
        final int[] ports;
        final String prefix;
        final String[] codes;
        final int perRequest;
        final int clients;
        final int rate;
        final AtomicInteger refused = new AtomicInteger();
        long[] latencies;
        int requests;

        Phase(HttpClient http, int[] ports, String prefix, String[] codes, int perRequest, int clients, int rate) {
            this.http = http;
            this.ports = ports;
            this.prefix = prefix;
            this.codes = codes;
            this.perRequest = perRequest;
            this.clients = clients;
            this.rate = rate;
        }

        /** Posts up to {@code events} events, stopping early after {@code maxNanos}; answers how many were posted. */
        int run(int events, long maxNanos) throws InterruptedException {
            int total = (events + perRequest - 1) / perRequest;
            latencies = new long[Math.min(total, 1_000_000)]; // a time-limited phase keeps the first million
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            double nanosPerRequest = rate > 0 ? perRequest * 1e9 / rate : 0;
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    int r;
                    while ((r = next.getAndIncrement()) < total && System.nanoTime() - start < maxNanos) {
                        long planned = rate > 0 ? start + (long) (r * nanosPerRequest) : System.nanoTime();
                        long wait = planned - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        StringBuilder body = new StringBuilder(perRequest == 1 ? "" : "{\"events\":[");
                        for (int i = r * perRequest; i < Math.min(events, (r + 1) * perRequest); i++) {
                            // Event k of a dossier goes after event k-1 of it: dossiers take turns, so order within one holds.
                            String dossier = codes[i % codes.length];
                            int k = i / codes.length;
                            body.append(i == r * perRequest ? "" : ",").append("{\"eventId\":\"").append(prefix).append('-').append(i)
                                    .append("\",\"dossierCode\":\"").append(dossier).append("\",\"procedureCode\":\"1.001612\",")
                                    .append("\"agencyCode\":\"000.00.12.H47\",\"status\":\"").append(k == 0 ? "NEW" : "PROCESSING")
                                    .append("\",\"occurredAt\":\"2026-11-24T09:15:00+07:00\",\"step\":{\"officer\":\"Cán bộ\",")
                                    .append("\"content\":\"bước ").append(k).append("\",\"startedAt\":\"2026-11-24T09:30:00+07:00\"}}");
                        }
                        int target = ports[r % 2];
                        int status = perRequest == 1 ? post(http, target, "/api/v1/dossier-events", body.toString())
                                : post(http, target, "/api/v1/dossier-events/batch", body.append("]}").toString());
                        if (r < latencies.length) {
                            latencies[r] = System.nanoTime() - planned;
                        }
                        done.incrementAndGet();
                        if (status != (perRequest == 1 ? 202 : 200)) {
                            refused.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            // Requests are taken in order, so the first done.get() of them were all sent.
            requests = Math.min(done.get(), next.get());
            latencies = Arrays.copyOf(latencies, Math.min(requests, latencies.length));
            return Math.min(events, requests * perRequest);
        }
    }

    private static int post(HttpClient http, int port, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json").header("X-API-Key", ONE_STOP_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** H2's file counters (INFORMATION_SCHEMA.SETTINGS info.FILE_*), or nothing on another database. */
    private static Map<String, Long> h2Store(javax.sql.DataSource db) {
        Map<String, Long> m = new HashMap<>();
        if (db == null) {
            return m; // the gateway's own JVM: its database is not reachable from here
        }
        try (java.sql.Connection c = db.getConnection(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME LIKE 'info.FILE%'")) {
            while (rs.next()) {
                if (rs.getString(2).matches("\\d+")) {
                    m.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                }
            }
        } catch (java.sql.SQLException notH2) {
            m.clear();
        }
        return m.containsKey("info.FILE_WRITE") && m.containsKey("info.FILE_WRITE_BYTES") ? m : Map.of();
    }

    static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }

    static double secs(long from, long to) {
        return (to - from) / 1e9;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
