package vn.lienthong.gateway.bench;

import static vn.lienthong.gateway.bench.DossierEventsBenchmark.codes;
import static vn.lienthong.gateway.bench.DossierEventsBenchmark.freePort;
import static vn.lienthong.gateway.bench.DossierEventsBenchmark.secs;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.catalogue.CatalogueRefresh;
import vn.lienthong.gateway.catalogue.RefreshReport;
import vn.lienthong.gateway.sandbox.PortalSimulator;

/**
 * A full refresh of the sandbox's national procedure catalogue (2,020 procedures: 2,023 portal calls) against the
 * portal quota, and the one-stop system's events accepted while a refresh runs. Not a test: run with
 * {@code mvn -Pbench verify -Dbench.main=vn.lienthong.gateway.bench.CatalogueBenchmark} (docs/benchmarks.md).
 * Settings: -Dbench.quota (portal calls a second; the sandbox's 200 by default), -Dbench.procedures (the simulated
 * catalogue's size), -Dbench.rate (events a second offered during the event phases, default 300), -Dbench.clients
 * (default 8), -Dbench.seconds (the phase without a refresh, default 15). Printed: the first refresh of an empty copy
 * (every procedure inserted, right after start), then the event phases and a refresh under their load, and last the
 * result line: a full daily refresh (every procedure asked and compared) of a loaded copy with nothing else running.
 */
public final class CatalogueBenchmark {

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1); // the gateway's and the simulators' threads would keep this JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        int quota = Integer.getInteger("bench.quota", 200);
        int rate = Integer.getInteger("bench.rate", 300);
        int clients = Integer.getInteger("bench.clients", 8);
        int idleSeconds = Integer.getInteger("bench.seconds", 15);
        Path data = Files.createTempDirectory("lienthong-catalogue-bench");
        int port = freePort();
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).profiles("sandbox")
                .run("--server.port=" + port, "--gateway.sandbox.portal-port=" + freePort(), "--gateway.data-dir=" + data,
                        // the other simulators on free ports too: a sandbox elsewhere on this machine may hold the usual ones
                        "--gateway.lookups-sandbox.population-port=" + freePort(), "--gateway.lookups-sandbox.registry-port=" + freePort(),
                        "--gateway.one-stop.sandbox-port=" + freePort(),
                        "--gateway.portal.rate-limit-per-second=" + quota, "--gateway.catalogue.auto-refresh=false",
                        "--gateway.sandbox.portal-keep=5", "--logging.level.root=WARN", "--logging.level.vn.lienthong=WARN",
                        "--logging.level.vn.lienthong.gateway.catalogue=INFO");
        PortalSimulator portal = ctx.getBean(PortalSimulator.class);
        String size = System.getProperty("bench.procedures", "");
        if (!size.isBlank()) {
            portal.catalogue().resize(Integer.parseInt(size));
        }
        int procedures = portal.catalogue().listedCodes().size();
        CatalogueRefresh refresh = ctx.getBean(CatalogueRefresh.class);

        // 1. The first refresh of an empty copy: every procedure inserted with its details.
        CpuMeter.Sample cpuStart = CpuMeter.now();
        RefreshReport first = refresh.refresh(CatalogueRefresh.Trigger.ADMIN);
        CpuMeter.Sample cpu = CpuMeter.now().minus(cpuStart);
        check(first);
        double target = 1.2 * first.calls() / quota;
        System.out.printf(Locale.ROOT, "bench catalogue first_refresh %s target_seconds=%.1f%n", first.summary(), target);
        System.out.println("bench catalogue first_refresh " + cpu.perUnit("call", first.calls()));

        // 2. Events offered at a steady rate without a refresh, then while a daily refresh (50 procedures changed) runs.
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
        int[] ports = {port, port};
        new DossierEventsBenchmark.Phase(http, ports, "warm", codes(200, "2410"), 1, clients, rate)
                .run(Integer.MAX_VALUE / 2, TimeUnit.SECONDS.toNanos(10));
        DossierEventsBenchmark.Phase idle = new DossierEventsBenchmark.Phase(http, ports, "idle", codes(200, "2411"), 1, clients, rate);
        long start = System.nanoTime();
        int idleEvents = idle.run(Integer.MAX_VALUE / 2, TimeUnit.SECONDS.toNanos(idleSeconds));
        double idleSecs = secs(start, System.nanoTime());
        List<String> listed = portal.catalogue().listedCodes();
        for (int i = 0; i < 50; i++) {
            String code = listed.get(10 + i * 37);
            portal.catalogue().rename(code, "Tên sửa đổi " + code);
        }
        long appliedBefore = portal.appliedCounts()[0];
        CompletableFuture<RefreshReport> daily = CompletableFuture.supplyAsync(() -> refresh.refresh(CatalogueRefresh.Trigger.ADMIN));
        long duringStart = System.nanoTime();
        int duringEvents = 0;
        int duringRefused = 0;
        long[] duringLat = new long[0];
        // Short phases until the refresh is done, each with event ids of its own.
        for (int chunk = 0; !daily.isDone(); chunk++) {
            DossierEventsBenchmark.Phase during = new DossierEventsBenchmark.Phase(http, ports, "during" + chunk,
                    codes(200, "2412"), 1, clients, rate);
            duringEvents += during.run(Integer.MAX_VALUE / 2, TimeUnit.SECONDS.toNanos(2));
            duringRefused += during.refused.get();
            int from = duringLat.length;
            duringLat = Arrays.copyOf(duringLat, from + during.latencies.length);
            System.arraycopy(during.latencies, 0, duringLat, from, during.latencies.length);
        }
        double duringSecs = secs(duringStart, System.nanoTime());
        long deliveredDuring = portal.appliedCounts()[0] - appliedBefore;
        RefreshReport second = daily.get();
        check(second);
        long[] idleLat = idle.latencies.clone();
        Arrays.sort(idleLat);
        Arrays.sort(duringLat);
        System.out.printf(Locale.ROOT, "bench catalogue events_without_refresh offered_per_s=%d accepted_per_s=%.0f accept_p50_ms=%.2f"
                        + " accept_p99_ms=%.2f refused=%d%n", rate, idleEvents / idleSecs, p(idleLat, 0.5), p(idleLat, 0.99), idle.refused.get());
        System.out.printf(Locale.ROOT, "bench catalogue events_during_refresh offered_per_s=%d accepted_per_s=%.0f accept_p50_ms=%.2f"
                        + " accept_p99_ms=%.2f refused=%d delivered_per_s=%.0f%n", rate, duringEvents / duringSecs, p(duringLat, 0.5),
                p(duringLat, 0.99), duringRefused, deliveredDuring / duringSecs);
        System.out.printf(Locale.ROOT, "bench catalogue refresh_under_load %s target_seconds=%.1f%n", second.summary(),
                1.2 * second.calls() / quota);

        // 3. The daily full refresh, alone: the result line.
        Thread.sleep(5000);
        RefreshReport daily2 = refresh.refresh(CatalogueRefresh.Trigger.ADMIN);
        check(daily2);
        System.out.printf(Locale.ROOT, "bench catalogue daily_refresh %s target_seconds=%.1f%n", daily2.summary(),
                1.2 * daily2.calls() / quota);
        System.out.printf(Locale.ROOT, "bench catalogue procedures=%d seconds=%.1f calls_per_s=%.0f%n", procedures,
                daily2.seconds(), daily2.calls() / daily2.seconds());
        ctx.close();
        DossierEventsBenchmark.deleteTree(data);
        System.exit(0);
    }

    private static double p(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    private static void check(RefreshReport r) {
        if (r.outcome() != RefreshReport.Outcome.OK) {
            throw new IllegalStateException(r.summary());
        }
    }
}
