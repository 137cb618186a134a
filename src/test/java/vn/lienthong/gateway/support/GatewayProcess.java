package vn.lienthong.gateway.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import vn.lienthong.gateway.GatewayApplication;

/** A gateway in a JVM of its own, for tests that kill it (SIGKILL) or run several against one database. */
public final class GatewayProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final int port;

    private GatewayProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** Starts a gateway with these Spring arguments (portal, storage, keys) and waits until it answers. */
    public static GatewayProcess start(String name, List<String> springArgs) throws IOException {
        return start(name, List.of("-Xmx512m"), springArgs);
    }

    /** The same with these JVM options (heap, GC) instead of a 512 MB heap. */
    public static GatewayProcess start(String name, List<String> jvmOptions, List<String> springArgs) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Paths.get("target", "gateway-process-" + name + ".log");
        List<String> cmd = command(jvmOptions, port, springArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayProcess g = new GatewayProcess(name, p, port);
        try {
            g.await("gateway " + name + " up (log: " + log + ")", Duration.ofSeconds(90), () -> {
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
        } catch (AssertionError notUp) {
            p.destroyForcibly(); // a gateway that did not come up must not outlive the test
            throw notUp;
        }
        return g;
    }

    /**
     * The command of a gateway JVM: these options, the settings a start needs (portal, callbacks, lookups,
     * the one-stop system's key) on this port, then these Spring arguments, which may override them.
     */
    public static List<String> command(List<String> jvmOptions, int port, List<String> springArgs) {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath(), GatewayApplication.class.getName()));
        List<String> defaults = new ArrayList<>(settings(port));
        // A setting given in springArgs replaces the default (Spring would join two values of one key with a comma).
        defaults.removeIf(d -> springArgs.stream().anyMatch(a -> a.startsWith(d.substring(0, d.indexOf('=') + 1))));
        cmd.addAll(defaults);
        cmd.addAll(springArgs);
        return cmd;
    }

    /** The settings a start needs besides the portal's and the storage's, on this port. */
    public static List<String> settings(int port) {
        return List.of("--server.port=" + port,
                "--gateway.callbacks.secret=unused-at-least-32-bytes-long-00000000", "--gateway.callbacks.payment-secret=unused-at-least-32-bytes-long-00000000",
                "--gateway.one-stop.base-url=http://localhost:9/one-stop", "--gateway.one-stop.api-key=unused",
                // the lookup systems are not used by these processes; they only need to start
                "--gateway.population.url=http://localhost:9/dancu", "--gateway.population.user=unused",
                "--gateway.population.secret=unused", "--gateway.population.api-key=unused",
                "--gateway.population.xroad-client=VN/GOV/TEST/TEST", "--gateway.population.consumer-code=TEST",
                "--gateway.population.integration-code=TEST", "--gateway.population.agency-code=000.00.00.H47",
                "--gateway.registry.base-url=http://localhost:9/registry", "--gateway.registry.api-key=unused",
                "--gateway.audit.hmac-secret=unused-audit-secret-at-least-32-bytes-long-00000000",
                "--gateway.security.api-keys[0].client-id=one-stop",
                "--gateway.security.api-keys[0].sha256=" + GatewayIntegrationTest.WRITER_HASH,
                "--gateway.security.api-keys[0].scopes=dossier:write,dossier:read",
                "--gateway.security.api-keys[0].requests-per-second=100000");
    }

    /** The application's class path: surefire's own list when it runs the tests through a manifest-only jar. */
    public static String classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the gateway's process. */
    public long pid() {
        return process.pid();
    }

    /** Asks the gateway to stop (SIGTERM: shutdown hooks run) and waits for it. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("X-API-Key", GatewayIntegrationTest.WRITER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", GatewayIntegrationTest.WRITER_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive() && process.exitValue() != 137) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while waiting for " + what);
            }
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
    }
}
