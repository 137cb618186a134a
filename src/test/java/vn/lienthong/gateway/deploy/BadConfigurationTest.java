package vn.lienthong.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.support.GatewayProcess;
import vn.lienthong.gateway.support.TestDatabase;

/**
 * A deployment's mistakes, each tried by starting the gateway in a JVM of its own as an operator would: it must
 * exit, and its output must name the problem and the setting in one line, with no stack trace as the only clue.
 */
class BadConfigurationTest {

    @TempDir
    Path dir;

    /** A mappings folder that is not there is named with GATEWAY_MAPPINGS. */
    @Test
    void shouldRefuseToStartWhenMappingsFolderMissing() throws Exception {
        String out = refusedStart("--gateway.mappings-location=file:" + dir.resolve("no-such-mappings") + "/");
        assertOneLineNames(out, "gateway.mappings-location (GATEWAY_MAPPINGS)", "no-such-mappings does not exist");
    }

    /** A mappings location that is a file, or a folder the user cannot read, is named with GATEWAY_MAPPINGS. */
    @Test
    void shouldRefuseToStartWhenMappingsFolderUnreadable() throws Exception {
        Path file = Files.writeString(dir.resolve("mappings"), "not a folder");
        assertOneLineNames(refusedStart("--gateway.mappings-location=file:" + file + "/"),
                "gateway.mappings-location (GATEWAY_MAPPINGS)", file + " is not a folder");
        if (!"root".equals(System.getProperty("user.name"))) { // root reads any folder
            Path locked = Files.createDirectory(dir.resolve("locked"));
            locked.toFile().setReadable(false, false);
            assertOneLineNames(refusedStart("--gateway.mappings-location=file:" + locked + "/"),
                    "gateway.mappings-location (GATEWAY_MAPPINGS)", "cannot be read by the user");
        }
    }

    /** A data folder that cannot be written (here: a file in its place, a folder below a file) names GATEWAY_DATA_DIR. */
    @Test
    void shouldRefuseToStartWhenDataFolderNotWritable() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a folder");
        assertOneLineNames(refusedStart("--gateway.data-dir=" + file), "gateway.data-dir (GATEWAY_DATA_DIR)", file + " is not a folder");
        assertOneLineNames(refusedStart("--gateway.data-dir=" + file.resolve("below")), "gateway.data-dir (GATEWAY_DATA_DIR)",
                "cannot be created");
        if (!"root".equals(System.getProperty("user.name"))) { // root writes any folder
            Path locked = Files.createDirectory(dir.resolve("read-only"));
            locked.toFile().setWritable(false, false);
            assertOneLineNames(refusedStart("--gateway.data-dir=" + locked), "gateway.data-dir (GATEWAY_DATA_DIR)", "is not writable by the user");
        }
    }

    /** A data folder relative to the working directory without ./ (which H2 refuses) names GATEWAY_DATA_DIR; nothing is created. */
    @Test
    void shouldRefuseToStartWhenDataFolderImplicitlyRelative() throws Exception {
        String relative = "lienthong-relative-" + ProcessHandle.current().pid();
        assertOneLineNames(refusedStart("--gateway.data-dir=" + relative), "gateway.data-dir (GATEWAY_DATA_DIR)",
                "the path " + relative + "/gateway is relative", "./" + relative);
        assertThat(Path.of(relative)).doesNotExist();
    }

    /** A port another process listens on is named with its setting, server.port (GATEWAY_PORT). */
    @Test
    void shouldRefuseToStartWhenPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String out = refusedStart(taken.getLocalPort());
            assertOneLineNames(out, "server.port (GATEWAY_PORT) = " + taken.getLocalPort(), "already listening on that port");
        }
    }

    /** A PostgreSQL that refuses the user is named with GATEWAY_DB_USER and the server's own reason. */
    @Test
    void shouldRefuseToStartWhenPostgresRefusesUser() throws Exception {
        Optional<TestDatabase> pg = TestDatabase.postgres();
        assumeTrue(pg.isPresent(), TestDatabase.SKIP_MESSAGE);
        String out = refusedStart("--spring.profiles.active=postgres", "--spring.datasource.url=" + pg.get().jdbcUrl(),
                "--spring.datasource.username=lienthong_no_such_role", "--spring.datasource.password=wrong");
        assertOneLineNames(out, "spring.datasource.username / password (GATEWAY_DB_USER, GATEWAY_DB_PASSWORD)",
                "refused user 'lienthong_no_such_role'", "lienthong_no_such_role");
    }

    /** Starts a gateway with these settings on a free port, expects it to exit, and answers its output. */
    private String refusedStart(String... settings) throws IOException, InterruptedException {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        return refusedStart(free, settings);
    }

    /** Starts a gateway on this port (a fresh data folder unless the settings name one); answers its output. */
    private String refusedStart(int port, String... settings) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--gateway.portal.base-url=http://localhost:9/portal",
                "--gateway.portal.username=u", "--gateway.portal.password=p", "--gateway.portal.dstcode=D",
                "--spring.jmx.enabled=false"));
        if (List.of(settings).stream().noneMatch(a -> a.startsWith("--gateway.data-dir="))) {
            args.add("--gateway.data-dir=" + Files.createTempDirectory(dir, "data"));
        }
        args.addAll(List.of(settings));
        Path log = Files.createTempFile(dir, "start", ".log");
        Process p = new ProcessBuilder(GatewayProcess.command(List.of("-Xmx256m"), port, args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) { // a bound for a hung start, not a timing target
            p.destroyForcibly().waitFor();
            throw new AssertionError("the gateway did not refuse to start within 300 s: " + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit status; output:%n%s", out).isNotZero();
        return out;
    }

    /** The one failure report line holds all these words, and no line carries a stack trace. */
    private static void assertOneLineNames(String out, String... words) {
        List<String> reports = out.lines().filter(l -> l.contains("APPLICATION FAILED TO START")).toList();
        assertThat(reports).as("failure reports in:%n%s", out).hasSize(1);
        assertThat(reports.get(0)).as("the failure report").contains(words);
        assertThat(out).as("output").doesNotContain("stack_trace").doesNotContain("\tat ").doesNotContain("Application run failed");
    }
}
