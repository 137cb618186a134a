package vn.lienthong.gateway.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import vn.lienthong.gateway.sandbox.PortalSimulator;
import vn.lienthong.gateway.support.GatewayProcess;

/**
 * The gateway's footprint as deployed: the container image's tree (src/image/prepare-image.sh: the jlink runtime,
 * the extracted jar, the class-data sharing archive), started as the image starts it (java @jvm.options -jar …, in
 * its folder) with the memory of a container limit (-XX:MaxRAM, the JVM's view of the limit). Measures the time
 * from the JVM's start to a 200 from /actuator/health/readiness over several starts, each after a SIGKILL of the
 * one before (a restart after a crash, on the same database), the resident memory idle (from /proc) and its peak
 * under the dossier-events benchmark's load (events posted one per request, until the portal simulator has
 * applied every one). Not a test: {@code mvn -Pbench verify -Dbench.main=vn.lienthong.gateway.bench.FootprintBenchmark}
 * (docs/benchmarks.md, "Footprint"). Settings: -Dbench.events, -Dbench.dossiers, -Dbench.clients (the load),
 * -Dbench.starts (3), -Dbench.memory-limit (the container's limit, 512m), -Dbench.gateway-jvm-opts (added after
 * the documented options, to compare one), -Dbench.fat-jar=true (the jar as built with the JVM's defaults instead).
 * The gateway CPU per event includes the JIT compiler's work of a fresh JVM. The result line is printed last.
 */
public final class FootprintBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1); // the portal simulator's threads would keep this JVM alive
        }
    }

    private static void run() throws Exception {
        int events = Integer.getInteger("bench.events", 20_000);
        int dossiers = Integer.getInteger("bench.dossiers", 500);
        int clients = Integer.getInteger("bench.clients", 16);
        int starts = Math.max(1, Integer.getInteger("bench.starts", 3));
        String limit = System.getProperty("bench.memory-limit", "512m");
        String opts = System.getProperty("bench.gateway-jvm-opts", "");
        Path tree = prepare().toAbsolutePath();
        Path data = Files.createTempDirectory("lienthong-footprint");
        PortalSimulator portal = new PortalSimulator(DossierEventsBenchmark.freePort(), "bench", "bench", 5).start();
        int port = DossierEventsBenchmark.freePort();
        // -Dbench.fat-jar=true: the jar as built, with the JVM's defaults (for comparison: no flags, no archive).
        boolean fatJar = Boolean.getBoolean("bench.fat-jar");
        Path workDir = fatJar ? Path.of("").toAbsolutePath() : tree.resolve("app");
        List<String> cmd = new ArrayList<>(fatJar ? List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                : List.of(tree.resolve("rootfs/opt/java/bin/java").toString(), "@jvm.options", "-XX:MaxRAM=" + limit));
        if (!opts.isBlank()) {
            cmd.addAll(Arrays.asList(opts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", fatJar ? jar().toAbsolutePath().toString() : "lienthong-gateway.jar"));
        cmd.addAll(GatewayProcess.settings(port));
        cmd.addAll(List.of("--gateway.catalogue.agency=000.00.00.H47", "--gateway.catalogue.auto-refresh=false"));
        cmd.addAll(List.of("--logging.level.root=WARN", "--gateway.portal.rate-limit-per-second=1000",
                "--gateway.portal.base-url=" + portal.baseUrl(), "--gateway.portal.username=bench",
                "--gateway.portal.password=bench", "--gateway.portal.dstcode=BENCH"));
        cmd.addAll(DossierEventsBenchmark.benchKeys(1));
        System.out.println("bench footprint command: " + String.join(" ", cmd.subList(0, cmd.indexOf("-jar") + 2)));

        double[] startSeconds = new double[starts];
        double[] startCpu = new double[starts];
        Process gateway = null;
        for (int i = 0; i < starts; i++) {
            if (gateway != null) {
                gateway.destroyForcibly().waitFor(); // SIGKILL: the restart after a crash
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(data.resolve("gateway-" + i + ".log").toFile());
            pb.environment().put("GATEWAY_DATA_DIR", data.toString());
            pb.environment().put("GATEWAY_MAPPINGS", "file:" + tree.resolve("app/mappings") + File.separator);
            if (!System.getProperty("bench.malloc-arena-max", "").isBlank()) { // glibc's arenas, to compare a limit
                pb.environment().put("MALLOC_ARENA_MAX", System.getProperty("bench.malloc-arena-max"));
            }
            long t0 = System.nanoTime();
            gateway = pb.start();
            awaitReady(gateway, port, data.resolve("gateway-" + i + ".log"));
            startSeconds[i] = (System.nanoTime() - t0) / 1e9;
            startCpu[i] = CpuMeter.ofProcess(gateway.pid()) / 1e9;
        }
        // The CPU a start took: on a machine shared with other work, the wall time of a start varies with it.
        System.out.println("bench footprint starts_s=" + Arrays.toString(startSeconds) + " cpu_s=" + Arrays.toString(startCpu)
                + " (the first on an empty database, each later one after a SIGKILL of the one before)");
        Thread.sleep(15_000);
        long idle = rssKb(gateway.pid());
        System.out.println("bench footprint idle " + jvmMemory(port));

        // The dossier-events load, RSS sampled meanwhile; then until the portal has applied every event.
        AtomicLong peak = new AtomicLong(idle);
        Process watched = gateway;
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rssKb(watched.pid()), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
        long before = portal.appliedCounts()[0];
        long cpuBefore = CpuMeter.ofProcess(gateway.pid());
        long t0 = System.nanoTime();
        int[] ports = {port, port};
        var load = new DossierEventsBenchmark.Phase(http, ports, "footprint", DossierEventsBenchmark.codes(dossiers, "2412"), 1, clients, 0);
        load.run(events, Long.MAX_VALUE);
        double acceptSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (portal.appliedCounts()[0] - before < events && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double deliverSeconds = (System.nanoTime() - t0) / 1e9;
        long cpu = CpuMeter.ofProcess(gateway.pid()) - cpuBefore;
        sampler.interrupt();
        sampler.join();
        long applied = portal.appliedCounts()[0] - before;
        System.out.println("bench footprint load " + jvmMemory(port) + String.format(Locale.ROOT,
                " events=%d refused=%d applied=%d accepted_per_s=%.0f delivered_per_s=%.0f gateway_cpu_us_per_event=%.0f",
                events, load.refused.get(), applied, events / acceptSeconds, applied / deliverSeconds, cpu / 1e3 / Math.max(1, applied)));

        double[] sorted = startSeconds.clone();
        Arrays.sort(sorted);
        String result = String.format(Locale.ROOT, "bench footprint start_s=%.2f rss_idle_mb=%d rss_load_mb=%d",
                sorted[sorted.length / 2], idle / 1024, peak.get() / 1024);
        gateway.destroy();
        gateway.waitFor(60, TimeUnit.SECONDS);
        portal.stop();
        DossierEventsBenchmark.deleteTree(data);
        System.out.println(result);
        System.exit(0);
    }

    /**
     * The image's tree for the jar this build made, laid out by the image build's own script with this JDK
     * (target/footprint; made again when the jar is newer).
     */
    private static Path prepare() throws IOException, InterruptedException {
        Path jar = jar();
        Path tree = Path.of("target", "footprint");
        Path archive = tree.resolve("app/app.jsa");
        if (Files.exists(archive) && Files.getLastModifiedTime(tree.resolve("training.log")).compareTo(Files.getLastModifiedTime(jar)) > 0) {
            return tree;
        }
        Process p = new ProcessBuilder("bash", "src/image/prepare-image.sh", jar.toString(), tree.toString(),
                System.getProperty("java.home"), ".").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("src/image/prepare-image.sh failed");
        }
        return tree;
    }

    /** The jar this build made (mvn -Pbench verify packages it first). */
    private static Path jar() throws IOException {
        try (var jars = Files.list(Path.of("target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("lienthong-gateway-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/lienthong-gateway-*.jar: run through mvn -Pbench verify"));
        }
    }

    private static void awaitReady(Process gateway, int port, Path log) throws InterruptedException, IOException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < end) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway exited: " + Files.readString(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not ready after 3 minutes: " + log);
    }

    /** VmRSS of a process in KB, from /proc (0 once it is gone). */
    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException gone) {
            return 0;
        }
        return 0;
    }

    /** Where the memory is, as the JVM counts it (heap used and committed, classes, compiled code, threads). */
    private static String jvmMemory(int port) {
        String page = DossierEventsBenchmark.prometheus(port);
        return String.format(Locale.ROOT, "heap_used_mb=%.0f heap_committed_mb=%.0f nonheap_used_mb=%.0f threads=%s",
                sum(page, "jvm_memory_used_bytes", "area=\"heap\""), sum(page, "jvm_memory_committed_bytes", "area=\"heap\""),
                sum(page, "jvm_memory_used_bytes", "area=\"nonheap\""), DossierEventsBenchmark.metric(page, "jvm_threads_live_threads"));
    }

    /** The sum, in MB, of a Prometheus page's series of this name with this label. */
    private static double sum(String page, String name, String label) {
        return page.lines().filter(l -> l.startsWith(name + "{") && l.contains(label)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum() / 1048576.0;
    }
}
