package vn.lienthong.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.national.population.PopulationAuthInterceptor;
import vn.lienthong.gateway.sandbox.PopulationSimulator;
import vn.lienthong.gateway.sandbox.RegistrySimulator;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;

/**
 * Lookups through the gateway against the same simulators called directly, in one JVM and one run:
 * throughput with {@code bench.clients} concurrent clients for {@code bench.seconds} per case, and the
 * added median latency of one client (gateway p50 minus direct p50, citizen lookups). The enterprise cache
 * is off so every gateway lookup makes its national call; the audit log is on (in-memory H2 unless
 * {@code bench.db-url} says otherwise). With {@code -Dbench.floor=true} the same rounds also measure
 * {@link LookupsFloor}: the national calls made by a bare servlet with the gateway's clients, the most any
 * gateway on this stack could reach. Run: see docs/benchmarks.md, "Lookups".
 */
public final class LookupsBenchmark {
    private static final String KEY = "bench-key";
    private static final String CITIZEN = "049085754323";
    private static final String ENTERPRISE = "4059083010";

    private LookupsBenchmark() {
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
        int clients = Integer.getInteger("bench.clients", 8);
        int seconds = Integer.getInteger("bench.seconds", 5);
        int latencySamples = Integer.getInteger("bench.latency-samples", 2000);
        String dbUrl = System.getProperty("bench.db-url", "");
        dbUrl = dbUrl.isBlank() ? "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" : dbUrl; // blank: not given (mvn -Pbench passes every key)

        PopulationSimulator population = new PopulationSimulator(0, "bench", "bench-secret", "bench-population-key").start();
        RegistrySimulator registry = new RegistrySimulator(0, "bench-registry-key").start();
        String[] settings = {
                        "server.port=0",
                        "logging.level.root=WARN",
                        "spring.datasource.url=" + dbUrl,
                        "gateway.portal.base-url=http://localhost:9/portal", "gateway.portal.username=unused",
                        "gateway.portal.password=unused", "gateway.portal.dstcode=unused",
                        "gateway.delivery.auto-start=false",
                        "gateway.security.api-keys[0].client-id=bench",
                        "gateway.security.api-keys[0].sha256=" + ApiKeyAuthenticationFilter.sha256(KEY),
                        "gateway.security.api-keys[0].scopes=citizen:read,citizen:verify,enterprise:read",
                        "gateway.security.api-keys[0].requests-per-second=1000000",
                        "gateway.population.url=" + population.baseUrl(), "gateway.population.user=bench",
                        "gateway.population.secret=bench-secret", "gateway.population.api-key=bench-population-key",
                        "gateway.population.xroad-client=VN/GOV/BENCH/ONESTOP", "gateway.population.consumer-code=BENCH",
                        "gateway.population.integration-code=BENCH", "gateway.population.agency-code=000.00.00.H47",
                        "gateway.population.rate-limit-per-second=0", "gateway.population.max-concurrent-calls=64",
                        "gateway.registry.base-url=" + registry.baseUrl(), "gateway.registry.api-key=bench-registry-key",
                        "gateway.registry.rate-limit-per-second=0", "gateway.registry.max-concurrent-calls=64",
                        "gateway.registry.cache.max-size=0",
                        "gateway.audit.hmac-secret=bench-audit-secret-at-least-32-bytes-long-00000000",
                        "gateway.callbacks.secret=unused-at-least-32-bytes-long-00000000", "gateway.callbacks.payment-secret=unused-at-least-32-bytes-long-00000000",
                        "gateway.one-stop.base-url=http://localhost:9/one-stop", "gateway.one-stop.api-key=unused",
                        "gateway.catalogue.agency=000.00.00.H47", "gateway.catalogue.auto-refresh=false"};
        List<String> cli = new ArrayList<>();
        for (String s : settings) {
            cli.add("--" + s);
        }
        cli.addAll(List.of(args));
        ConfigurableApplicationContext app;
        try {
            app = new SpringApplicationBuilder(GatewayApplication.class).run(cli.toArray(String[]::new));
        } catch (RuntimeException e) {
            population.stop();
            registry.stop();
            throw e;
        }
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        String gw = "http://localhost:" + port;
        Callable<HttpRequest> citizenGw = () -> HttpRequest.newBuilder(URI.create(gw + "/api/v1/citizens/" + CITIZEN))
                .header("X-API-Key", KEY).header("X-Officer-Id", "bench").header("X-Purpose", "DOSSIER_PROCESSING").GET().build();
        Callable<HttpRequest> citizenDirect = () -> soap(population.baseUrl());
        Callable<HttpRequest> enterpriseGw = () -> HttpRequest.newBuilder(URI.create(gw + "/api/v1/enterprises/" + ENTERPRISE))
                .header("X-API-Key", KEY).GET().build();
        Callable<HttpRequest> enterpriseDirect = () -> HttpRequest.newBuilder(
                URI.create(registry.baseUrl() + "/chiTietDoanhNghiep?msdn=" + ENTERPRISE)).header("ApiKey", "bench-registry-key").GET().build();
        LookupsFloor floor = Boolean.getBoolean("bench.floor") ? new LookupsFloor(app, CITIZEN, ENTERPRISE) : null;
        List<Callable<HttpRequest>> floorCases = floor == null ? List.of() : List.of(
                () -> HttpRequest.newBuilder(URI.create(floor.baseUrl() + "/citizen")).GET().build(),
                () -> HttpRequest.newBuilder(URI.create(floor.baseUrl() + "/citizen?audit=1")).GET().build(),
                () -> HttpRequest.newBuilder(URI.create(floor.baseUrl() + "/enterprise")).GET().build());

        try {
            // JIT warm-up: on 2 cores the compiler is busy for the first minute of load or so.
            int warmSeconds = Integer.getInteger("bench.warmup-seconds", 15);
            List<Callable<HttpRequest>> warming = new ArrayList<>(List.of(citizenGw, citizenDirect, enterpriseGw, enterpriseDirect));
            warming.addAll(floorCases);
            for (Callable<HttpRequest> warm : warming) {
                throughput(http, warm, clients, warmSeconds);
            }
            System.out.println("bench lookups warm-up done, measuring");
            // Rounds interleave gateway and direct so both see the same machine (other load, JIT, GC).
            int rounds = Integer.getInteger("bench.rounds", 3);
            double citizenPerS = 0;
            double citizenDirectPerS = 0;
            double enterprisePerS = 0;
            double enterpriseDirectPerS = 0;
            // CPU of the whole process (client, gateway, simulator) per request: citizen, direct, enterprise, direct.
            double[] cpu = new double[4];
            double[] appCpu = new double[4];
            double[] floorPerS = new double[floorCases.size()];
            for (int i = 0; i < rounds; i++) {
                for (int f = 0; f < floorCases.size(); f++) {
                    floorPerS[f] += throughput(http, floorCases.get(f), clients, seconds) / rounds;
                }
                citizenPerS += throughput(http, citizenGw, clients, seconds) / rounds;
                cpu[0] += lastCpuMicros / rounds;
                appCpu[0] += lastAppMicros / rounds;
                citizenDirectPerS += throughput(http, citizenDirect, clients, seconds) / rounds;
                cpu[1] += lastCpuMicros / rounds;
                appCpu[1] += lastAppMicros / rounds;
                enterprisePerS += throughput(http, enterpriseGw, clients, seconds) / rounds;
                cpu[2] += lastCpuMicros / rounds;
                appCpu[2] += lastAppMicros / rounds;
                enterpriseDirectPerS += throughput(http, enterpriseDirect, clients, seconds) / rounds;
                cpu[3] += lastCpuMicros / rounds;
                appCpu[3] += lastAppMicros / rounds;
            }
            double[] citizenP50 = p50(http, citizenGw, citizenDirect, latencySamples);
            double[] enterpriseP50 = p50(http, enterpriseGw, enterpriseDirect, latencySamples);
            double citizenP50Gw = citizenP50[0];
            double citizenDirectP50 = citizenP50[1];
            double enterpriseP50Gw = enterpriseP50[0];
            double enterpriseDirectP50 = enterpriseP50[1];
            System.out.printf(Locale.ROOT, "bench lookups detail clients=%d seconds=%d cores=%d citizen_ratio=%.2f enterprise_ratio=%.2f "
                            + "citizen_p50_ms=%.3f citizen_direct_p50_ms=%.3f enterprise_p50_ms=%.3f enterprise_direct_p50_ms=%.3f "
                            + "enterprise_added_p50_ms=%.3f citizen_p99_ms=%.3f citizen_direct_p99_ms=%.3f citizen_mean_ms=%.3f "
                            + "citizen_direct_mean_ms=%.3f enterprise_p99_ms=%.3f enterprise_direct_p99_ms=%.3f%n",
                    clients, seconds, Runtime.getRuntime().availableProcessors(), citizenPerS / citizenDirectPerS,
                    enterprisePerS / enterpriseDirectPerS, citizenP50Gw, citizenDirectP50, enterpriseP50Gw, enterpriseDirectP50,
                    enterpriseP50Gw - enterpriseDirectP50, citizenP50[2], citizenP50[3], citizenP50[4], citizenP50[5],
                    enterpriseP50[2], enterpriseP50[3]);
            // CPU of the whole process (client, gateway, simulators) per request; "app" leaves out the JIT compiler and GC.
            System.out.printf(Locale.ROOT, "bench lookups cpu_us_per_request citizen=%.0f citizen_direct=%.0f enterprise=%.0f "
                    + "enterprise_direct=%.0f app_citizen=%.0f app_citizen_direct=%.0f app_enterprise=%.0f app_enterprise_direct=%.0f%n",
                    cpu[0], cpu[1], cpu[2], cpu[3], appCpu[0], appCpu[1], appCpu[2], appCpu[3]);
            if (floor != null) {
                // The same national calls from a bare servlet (LookupsFloor), against the direct calls of the same rounds.
                System.out.printf(Locale.ROOT, "bench lookups floor citizen_floor_per_s=%.0f citizen_floor_audited_per_s=%.0f "
                                + "enterprise_floor_per_s=%.0f citizen_floor_ratio=%.2f citizen_floor_audited_ratio=%.2f "
                                + "enterprise_floor_ratio=%.2f%n", floorPerS[0], floorPerS[1], floorPerS[2], floorPerS[0] / citizenDirectPerS,
                        floorPerS[1] / citizenDirectPerS, floorPerS[2] / enterpriseDirectPerS);
            }
            // The result line comes last (docs/benchmarks.md).
            System.out.printf(Locale.ROOT, "bench lookups citizen_per_s=%.0f citizen_direct_per_s=%.0f enterprise_per_s=%.0f "
                            + "enterprise_direct_per_s=%.0f added_p50_ms=%.3f%n",
                    citizenPerS, citizenDirectPerS, enterprisePerS, enterpriseDirectPerS, citizenP50Gw - citizenDirectP50);
        } finally {
            if (floor != null) {
                floor.close();
            }
            app.close();
            population.stop();
            registry.stop();
        }
    }

    private static HttpRequest soap(String url) {
        String ts = Long.toString(System.currentTimeMillis());
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<d:TraCuuThongTinCongDan xmlns:d=\"" + PopulationSimulator.NS + "\"><d:MaYeuCau>bench</d:MaYeuCau>"
                + "<d:MaDVC>BENCH</d:MaDVC><d:MaTichHop>BENCH</d:MaTichHop><d:MaCanBo>bench</d:MaCanBo>"
                + "<d:MaDonVi>000.00.00.H47</d:MaDonVi><d:SoDinhDanh>" + CITIZEN + "</d:SoDinhDanh>"
                + "</d:TraCuuThongTinCongDan></soap:Body></soap:Envelope>";
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"http://dancuquocgia.bca/TraCuuThongTinCongDan\"")
                .header("Timestamp", ts).header("Authorization", PopulationAuthInterceptor.authorization(url, "bench", ts, "bench-secret"))
                .header("X-Road-Client", "VN/GOV/BENCH/ONESTOP").header("ApiKey", "bench-population-key")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** CPU of the process per successful request of the last {@link #throughput} run, in microseconds. */
    private static double lastCpuMicros;
    /** The same without the JIT compiler's and the garbage collector's threads. */
    private static double lastAppMicros;

    /** Successful requests per second with {@code clients} threads for {@code seconds}. */
    private static double throughput(HttpClient http, Callable<HttpRequest> request, int clients, int seconds) throws Exception {
        CpuMeter.Sample cpuBefore = CpuMeter.now();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        // what the first failure was (a status and its body's start, or an exception), to tell a refusal from a client error
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<byte[]> r = http.send(request.call(), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            if (failed.getAndIncrement() == 0) {
                                String body = new String(r.body(), StandardCharsets.UTF_8);
                                firstFailure.compareAndSet(null, "HTTP " + r.statusCode() + " " + body.substring(0, Math.min(200, body.length())));
                            }
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
                return null;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        CpuMeter.Sample cpu = CpuMeter.now().minus(cpuBefore);
        lastCpuMicros = (cpu.jit() + cpu.gc() + cpu.rest()) / 1e3 / Math.max(1, ok.get());
        lastAppMicros = cpu.rest() / 1e3 / Math.max(1, ok.get());
        pool.shutdown();
        if (failed.get() > 0) {
            System.out.println("bench lookups warning: " + failed.get() + " requests failed, the first: " + firstFailure.get());
        }
        return ok.get() / elapsed;
    }

    /** Median latency in ms of one client's requests, gateway and direct alternating: {gateway, direct}. */
    private static double[] p50(HttpClient http, Callable<HttpRequest> gateway, Callable<HttpRequest> direct, int samples) throws Exception {
        for (int i = 0; i < samples / 4; i++) {
            http.send(gateway.call(), HttpResponse.BodyHandlers.ofByteArray());
            http.send(direct.call(), HttpResponse.BodyHandlers.ofByteArray());
        }
        long[] viaGateway = new long[samples];
        long[] straight = new long[samples];
        for (int i = 0; i < samples; i++) {
            viaGateway[i] = time(http, gateway.call());
            straight[i] = time(http, direct.call());
        }
        Arrays.sort(viaGateway);
        Arrays.sort(straight);
        return new double[] {viaGateway[samples / 2] / 1e6, straight[samples / 2] / 1e6, viaGateway[(int) (samples * 0.99)] / 1e6,
                straight[(int) (samples * 0.99)] / 1e6, Arrays.stream(viaGateway).average().orElse(0) / 1e6,
                Arrays.stream(straight).average().orElse(0) / 1e6};
    }

    private static long time(HttpClient http, HttpRequest r) throws Exception {
        long t = System.nanoTime();
        http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        return System.nanoTime() - t;
    }
}
