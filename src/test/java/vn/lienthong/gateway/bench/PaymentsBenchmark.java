package vn.lienthong.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.sandbox.PaymentPlatformSimulator;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;

/**
 * Payments through the gateway against the payment platform simulator, in one JVM: {@code init_per_s}, payments opened
 * a second (POST /api/v1/payments, each a new dossier: validation, the OPENING row made durable, INIT, the answer
 * stored) with {@code bench.clients} clients for {@code bench.seconds}; {@code added_p50_ms}, one client's median time
 * to open a payment through the gateway minus the median of the same INIT sent to the simulator directly (interleaved);
 * {@code confirm_per_s}, the platform's sealed confirms of opened payments taken a second (seal, amount, the PAID state
 * and its one-stop event committed and durable before the answer; the delivery engine stopped, so the one-stop calls
 * are not counted). The database is an H2 file under target/ unless {@code bench.db-url} says otherwise. Run: see
 * docs/benchmarks.md, "Payments".
 */
public final class PaymentsBenchmark {
    private static final String KEY = "bench-key";
    private static final String PARTNER = "BENCH-H47";
    private static final String SECRET = "bench-platform-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NEXT = new AtomicLong();

    private PaymentsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 8);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int samples = Integer.getInteger("bench.latency-samples", 1000);
        String dbUrl = System.getProperty("bench.db-url", "");
        if (dbUrl.isBlank()) {
            Path dir = Files.createTempDirectory(Path.of("target"), "bench-payments").toAbsolutePath();
            dbUrl = "jdbc:h2:file:" + dir.resolve("gateway");
        }
        PaymentPlatformSimulator platform = new PaymentPlatformSimulator(0, PARTNER, SECRET, null).start();
        // WARN as the dossier events benchmark: the gateway's INFO line per payment would go through the exec plugin's
        // pipe to the console here (-Dbench.spring-args=--logging.level.vn.lienthong=INFO measures it).
        String[] settings = {"server.port=0", "logging.level.root=WARN", "logging.level.vn.lienthong=WARN", "spring.datasource.url=" + dbUrl,
                "gateway.portal.base-url=http://localhost:9/portal", "gateway.portal.username=unused",
                "gateway.portal.password=unused", "gateway.portal.dstcode=unused", "gateway.catalogue.agency=000.00.00.H47",
                "gateway.delivery.auto-start=false",
                "gateway.security.api-keys[0].client-id=bench", "gateway.security.api-keys[0].sha256=" + ApiKeyAuthenticationFilter.sha256(KEY),
                "gateway.security.api-keys[0].scopes=payment:write,payment:read", "gateway.security.api-keys[0].requests-per-second=1000000",
                "gateway.callbacks.secret=unused-at-least-32-bytes-long-00000000", "gateway.callbacks.payment-secret=unused-at-least-32-bytes-long-00000000",
                "gateway.one-stop.base-url=http://localhost:9/one-stop", "gateway.one-stop.api-key=unused",
                "gateway.payments.enabled=true", "gateway.payments.init-url=" + platform.baseUrl() + PaymentPlatformSimulator.INIT,
                "gateway.payments.query-url=" + platform.baseUrl() + PaymentPlatformSimulator.QUERY,
                "gateway.payments.bill-url=" + platform.baseUrl() + PaymentPlatformSimulator.BILL,
                "gateway.payments.partner-code=" + PARTNER, "gateway.payments.secret=" + SECRET, "gateway.payments.ip=10.0.0.5",
                "gateway.payments.query.interval=1h",
                // the lookups are not used here; they only need to start
                "gateway.population.url=http://localhost:9/dancu", "gateway.population.user=unused", "gateway.population.secret=unused",
                "gateway.population.api-key=unused", "gateway.population.xroad-client=VN/GOV/BENCH/BENCH",
                "gateway.population.consumer-code=BENCH", "gateway.population.integration-code=BENCH",
                "gateway.population.agency-code=000.00.00.H47", "gateway.registry.base-url=http://localhost:9/registry",
                "gateway.registry.api-key=unused", "gateway.audit.hmac-secret=bench-audit-secret-at-least-32-bytes-long-00000000"};
        List<String> cli = new ArrayList<>();
        for (String s : settings) {
            cli.add("--" + s);
        }
        cli.addAll(List.of(args));
        // -Dbench.spring-args="--a=1 --b=2" adds Spring arguments to the gateway, replacing a setting above of the same key.
        for (String a : System.getProperty("bench.spring-args", "").trim().split("\\s+")) {
            if (!a.isBlank()) {
                String key = a.contains("=") ? a.substring(0, a.indexOf('=') + 1) : a;
                cli.removeIf(c -> c.startsWith(key));
                cli.add(a);
            }
        }
        ConfigurableApplicationContext app;
        try {
            app = new SpringApplicationBuilder(GatewayApplication.class).run(cli.toArray(String[]::new));
        } catch (RuntimeException e) {
            platform.stop();
            throw e;
        }
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String gw = "http://localhost:" + port;
        ConcurrentLinkedQueue<String> opened = new ConcurrentLinkedQueue<>();
        Supplier<HttpRequest> open = () -> {
            String dossier = nextDossier();
            String body = "{\"dossierCode\":\"" + dossier + "\",\"procedureCode\":\"1.001612\",\"procedureName\":\"Đăng ký khai sinh\","
                    + "\"amount\":150000,\"fees\":[{\"name\":\"Lệ phí đăng ký khai sinh\",\"amount\":150000}],"
                    + "\"payer\":{\"name\":\"Người nộp\",\"idNumber\":\"000000000\"}}";
            return HttpRequest.newBuilder(URI.create(gw + "/api/v1/payments")).header("Content-Type", "application/json")
                    .header("X-API-Key", KEY).header("Idempotency-Key", "bench-" + dossier).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        };
        try {
            HttpResponse<String> first = http.send(open.get(), HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 201) {
                throw new IllegalStateException("open answered " + first.statusCode() + ": " + first.body());
            }
            ObjectNode template = (ObjectNode) JSON.readTree(platform.received().get(0).body());
            Supplier<HttpRequest> direct = () -> HttpRequest.newBuilder(URI.create(platform.baseUrl() + PaymentPlatformSimulator.INIT))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(directInit(template))).build();

            int warm = Integer.getInteger("bench.warmup-seconds", 10);
            throughput(http, open, clients, warm, 201, null);
            throughput(http, direct, clients, warm, 200, null);
            System.out.println("bench payments warm-up done, measuring");
            double initPerS = throughput(http, open, clients, seconds, 201, opened);
            double[] p50 = p50(http, open, direct, samples);

            platform.confirmTo(null);
            List<String> refs = new ArrayList<>(opened);
            List<String> bodies = new ArrayList<>(refs.size());
            for (String ref : refs) {
                platform.pay(ref, true); // no confirm URL: the platform records the payment, the benchmark sends its confirm
                bodies.add(platform.confirmBody(platform.transaction(ref)).toString());
            }
            ConcurrentLinkedQueue<String> confirms = new ConcurrentLinkedQueue<>(bodies);
            Supplier<HttpRequest> confirm = () -> {
                String b = confirms.poll();
                return b == null ? null : HttpRequest.newBuilder(URI.create(gw + "/api/v1/payment-platform/confirm"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(b)).build();
            };
            double confirmPerS = throughput(http, confirm, clients, seconds, 200, null);
            System.out.printf(Locale.ROOT, "bench payments detail clients=%d seconds=%d cores=%d gateway_p50_ms=%.3f direct_p50_ms=%.3f "
                            + "gateway_p99_ms=%.3f direct_p99_ms=%.3f confirms_available=%d%n", clients, seconds,
                    Runtime.getRuntime().availableProcessors(), p50[0], p50[1], p50[2], p50[3], bodies.size());
            System.out.printf(Locale.ROOT, "bench payments init_per_s=%.0f added_p50_ms=%.3f confirm_per_s=%.0f%n",
                    initPerS, p50[0] - p50[1], confirmPerS);
        } finally {
            app.close();
            platform.stop();
        }
    }

    /** A new dossier code each call: numbers 1-9999 of consecutive days from 2024-01-01. */
    private static String nextDossier() {
        long n = NEXT.getAndIncrement();
        String day = LocalDate.of(2024, 1, 1).plusDays(n / 9999).format(DateTimeFormatter.ofPattern("yyMMdd"));
        return String.format("000.00.12.H47-%s-%04d", day, n % 9999 + 1);
    }

    /** The gateway's INIT with a new MaThamChieu, sealed again: what a province would send without the gateway. */
    private static String directInit(ObjectNode template) {
        ObjectNode m = template.deepCopy();
        m.put("MaThamChieu", "direct" + NEXT.getAndIncrement() + m.get("ThoiGianGD").asText());
        List<String> values = new ArrayList<>();
        for (String f : PaymentPlatformSimulator.INIT_FIELDS) {
            values.add(m.get(f).asText());
        }
        try {
            m.put("MaXacThuc", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((String.join("|", values) + "|" + SECRET).getBytes(StandardCharsets.UTF_8))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return m.toString();
    }

    /** Successful requests a second ({@code ok} status) over {@code seconds}; an opened payment's reference goes to {@code opened}. */
    private static double throughput(HttpClient http, Supplier<HttpRequest> request, int clients, int seconds, int ok,
                                     ConcurrentLinkedQueue<String> opened) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(() -> {
                while (!stop.get()) {
                    HttpRequest r = request.get();
                    if (r == null) {
                        return null; // nothing left to send
                    }
                    try {
                        HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
                        if (a.statusCode() == ok && (ok != 200 || !a.body().contains("\"error_code\"") || a.body().contains("\"error_code\":\"0\""))) {
                            done.incrementAndGet();
                            if (opened != null) {
                                opened.add(JSON.readTree(a.body()).get("reference").asText());
                            }
                        } else if (failed.getAndIncrement() == 0) {
                            firstFailure.compareAndSet(null, "HTTP " + a.statusCode() + " " + a.body().substring(0, Math.min(200, a.body().length())));
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
                return null;
            }));
        }
        long end = start + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end && running.stream().anyMatch(f -> !f.isDone())) {
            Thread.sleep(20);
        }
        stop.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (failed.get() > 0) {
            System.out.println("bench payments failures=" + failed.get() + " first=" + firstFailure.get());
        }
        return done.get() / elapsed;
    }

    /** Medians and 99th percentiles of the gateway and the direct call, interleaved, after a quarter as warm-up. */
    private static double[] p50(HttpClient http, Supplier<HttpRequest> gateway, Supplier<HttpRequest> direct, int samples) throws Exception {
        for (int i = 0; i < samples / 4; i++) {
            http.send(gateway.get(), HttpResponse.BodyHandlers.ofString());
            http.send(direct.get(), HttpResponse.BodyHandlers.ofString());
        }
        long[] viaGateway = new long[samples];
        long[] straight = new long[samples];
        for (int i = 0; i < samples; i++) {
            viaGateway[i] = time(http, gateway.get());
            straight[i] = time(http, direct.get());
        }
        Arrays.sort(viaGateway);
        Arrays.sort(straight);
        return new double[] {viaGateway[samples / 2] / 1e6, straight[samples / 2] / 1e6, viaGateway[(int) (samples * 0.99)] / 1e6,
                straight[(int) (samples * 0.99)] / 1e6};
    }

    private static long time(HttpClient http, HttpRequest r) throws Exception {
        long t = System.nanoTime();
        http.send(r, HttpResponse.BodyHandlers.ofString());
        return System.nanoTime() - t;
    }
}
