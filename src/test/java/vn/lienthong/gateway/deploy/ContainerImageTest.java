package vn.lienthong.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image as `docker load` would take it (target/lienthong-gateway-image.tar, made by
 * {@code mvn -Pimage -DskipTests package}; no Docker engine runs here, so the tar is read): its configuration and
 * the files of its layers. Skipped, saying so, when the image was not built (.ci/run builds it, then runs this).
 */
class ContainerImageTest {
    private static final Path TAR = Path.of("target/lienthong-gateway-image.tar");
    private static JsonNode config;
    private static List<String> layerComments;
    /** Every file of the image, by path without the leading slash, with its mode, owner and content (small files). */
    private static final Map<String, Entry> FILES = new LinkedHashMap<>();

    record Entry(int mode, int uid, long size, byte[] content) {
    }

    @BeforeAll
    static void readImage() throws IOException {
        assumeTrue(Files.exists(TAR), "no " + TAR + ": build it with mvn -Pimage -DskipTests package");
        Map<String, byte[]> outer = new HashMap<>();
        try (InputStream in = Files.newInputStream(TAR)) {
            Tar.read(in, (name, e) -> outer.put(name, e.content()), true);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(outer.get("manifest.json")).get(0);
        config = json.readTree(outer.get(manifest.path("Config").asText()));
        layerComments = new ArrayList<>();
        config.path("history").forEach(h -> layerComments.add(h.path("comment").asText()));
        for (JsonNode layer : manifest.path("Layers")) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(outer.get(layer.asText())))) {
                Tar.read(in, FILES::put, false);
            }
        }
    }

    /** Starts as the gateway's own user, never root, from the extracted jar with the documented JVM options. */
    @Test
    void shouldRunAsNonRootUserWhenStarted() throws IOException {
        JsonNode c = config.path("config");
        assertThat(c.path("User").asText()).isEqualTo("10001:0");
        assertThat(new String(FILES.get("etc/passwd").content(), StandardCharsets.UTF_8))
                .contains("gateway:x:10001:0:").doesNotContain("/bin/sh");
        List<String> entrypoint = new ArrayList<>();
        c.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        assertThat(entrypoint).containsExactly("/opt/java/bin/java", "@/app/jvm.options", "-jar", "lienthong-gateway.jar");
        assertThat(c.path("WorkingDir").asText()).isEqualTo("/app");
        assertThat(FILES.get("opt/java/bin/java").mode() & 0111).as("java is executable").isNotZero();
        assertThat(FILES).containsKeys("app/lienthong-gateway.jar", "app/app.jsa", "lib64/ld-linux-x86-64.so.2",
                "lib/x86_64-linux-gnu/libc.so.6", "opt/java/lib/server/libjvm.so", "opt/java/lib/security/cacerts");
        assertThat(new String(FILES.get("app/jvm.options").content(), StandardCharsets.UTF_8))
                .as("the image's jvm.options (an image older than config/jvm.options: build it again)")
                .isEqualTo(Files.readString(Path.of("config/jvm.options")));
        assertThat(FILES.keySet()).noneMatch(p -> p.startsWith("jib-classpath")).noneMatch(p -> p.startsWith("bin/sh"));
    }

    /** Nothing in the image is writable by the gateway's user but /data (its group) and /tmp; no set-id files. */
    @Test
    void shouldBeWritableOnlyInDataAndTmpWhenRunAsGatewayUser() {
        FILES.forEach((path, e) -> {
            assertThat(e.uid()).as("owner of %s", path).isZero();
            assertThat(e.mode() & 06000).as("set-id bits of %s", path).isZero();
            if (!path.equals("tmp/") && !path.equals("data/")) {
                assertThat(e.mode() & 0022).as("group/other write bits of %s (mode %o)", path, e.mode()).isZero();
            }
        });
        assertThat(FILES.get("data/").mode() & 0777).isEqualTo(0770);
        List<String> volumes = new ArrayList<>();
        config.path("config").path("Volumes").fieldNames().forEachRemaining(volumes::add);
        assertThat(volumes).containsExactlyInAnyOrder("/data", "/tmp");
    }

    /** Settings, ports and the mappings folder as docs/deployment.md gives them. */
    @Test
    void shouldDeclareSettingsPortsAndMappingsWhenLoaded() throws IOException {
        List<String> env = new ArrayList<>();
        config.path("config").path("Env").forEach(v -> env.add(v.asText()));
        assertThat(env).contains("GATEWAY_DATA_DIR=/data", "GATEWAY_MAPPINGS=file:/app/mappings/");
        List<String> ports = new ArrayList<>();
        config.path("config").path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder("8080/tcp", "8081/tcp");
        TreeSet<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            files.forEach(f -> tables.add("app/mappings/" + f.getFileName()));
        }
        assertThat(FILES.keySet()).containsAll(tables);
    }

    /** Four layers, from the one that changes least (the runtime) to the one that changes with every build. */
    @Test
    void shouldLayerRuntimeLibrariesApplicationAndArchiveWhenBuilt() {
        assertThat(layerComments).containsExactly("java runtime", "application jar", "application libraries", "class-data archive");
    }

    /** The image holds no simulator: no WireMock among the libraries (the sandbox runs from the test classpath). */
    @Test
    void shouldHoldNoSimulatorWhenBuilt() {
        assertThat(FILES.keySet()).filteredOn(f -> f.startsWith("app/lib/")).isNotEmpty()
                .noneMatch(f -> f.toLowerCase().contains("wiremock") || f.toLowerCase().contains("jetty"));
    }

    /** A minimal reader of (ustar and pax) tar streams: enough for what Jib writes. */
    private static final class Tar {
        interface Sink {
            void accept(String name, Entry entry);
        }

        static void read(InputStream in, Sink sink, boolean keepAll) throws IOException {
            byte[] header = new byte[512];
            String paxPath = null;
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                int mode = (int) octal(header, 100, 8);
                int uid = (int) octal(header, 108, 8);
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                byte[] content = size <= (keepAll ? Long.MAX_VALUE : 64 * 1024) ? in.readNBytes((int) size) : skip(in, size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'x') {
                    for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
                        if (record.contains(" path=")) {
                            paxPath = record.substring(record.indexOf(" path=") + 6);
                        }
                    }
                    continue;
                }
                if (paxPath != null) {
                    name = paxPath;
                    paxPath = null;
                }
                sink.accept(name.startsWith("./") ? name.substring(2) : name, new Entry(mode, uid, size, content));
            }
        }

        private static byte[] skip(InputStream in, long size) throws IOException {
            in.skipNBytes(size);
            return new ByteArrayOutputStream().toByteArray();
        }

        private static String field(byte[] h, int at, int length) {
            int end = at;
            while (end < at + length && h[end] != 0) {
                end++;
            }
            return new String(h, at, end - at, StandardCharsets.UTF_8);
        }

        private static long octal(byte[] h, int at, int length) {
            String s = field(h, at, length).trim();
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        }
    }
}
