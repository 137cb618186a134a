package vn.lienthong.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a province deploys holds no simulator of a national system: the simulators and WireMock belong to the test
 * tree (the tests and the sandbox, {@code mvn spring-boot:test-run}), and no production class refers to them.
 */
class ProductionArtifactTest {
    private static final Path MAIN_CLASSES = Path.of("target/classes");

    /** The compiled application has no sandbox package, and none of its classes names a simulator or WireMock. */
    @Test
    void shouldHoldNoSimulatorWhenCompiled() throws IOException {
        assertThat(MAIN_CLASSES.resolve("vn/lienthong/gateway/sandbox")).doesNotExist();
        assertThat(MAIN_CLASSES.resolve("sandbox")).as("the simulators' sample records").doesNotExist();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_CLASSES)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (bytes.contains("vn/lienthong/gateway/sandbox/") || bytes.contains("com/github/tomakehurst/")
                        || bytes.contains("org/wiremock/")) {
                    offenders.add(MAIN_CLASSES.relativize(f).toString());
                }
            }
        }
        assertThat(offenders).as("production classes that refer to a simulator or WireMock").isEmpty();
    }

    /** WireMock is a test dependency only, so neither the jar nor the image carries it. */
    @Test
    void shouldDeclareWireMockForTestsOnlyWhenBuilt() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList deps = pom.getElementsByTagName("dependency");
        List<String> wiremock = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (text(d, "groupId").equals("org.wiremock") || text(d, "groupId").equals("com.github.tomakehurst")) {
                wiremock.add(text(d, "artifactId") + ":" + text(d, "scope"));
            }
        }
        assertThat(wiremock).containsExactly("wiremock-standalone:test");
    }

    /** The packaged jar, when this build made one (mvn package; .ci/run), starts the gateway and has no simulator or WireMock. */
    @Test
    void shouldPackageNoSimulatorWhenJarBuilt() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("lienthong-gateway-.*\\.jar")).findFirst().orElse(null);
        }
        assumeTrue(jar != null, "no target/lienthong-gateway-*.jar: build it with mvn -DskipTests package");
        try (JarFile j = new JarFile(jar.toFile())) {
            List<String> names = Collections.list(j.entries()).stream().map(e -> e.getName().toLowerCase()).toList();
            assertThat(names).isNotEmpty().noneMatch(n -> n.contains("wiremock") || n.contains("/gateway/sandbox/")
                    || n.startsWith("boot-inf/classes/sandbox/"));
            assertThat(j.getManifest().getMainAttributes().getValue("Start-Class")).as("the jar's main class")
                    .isEqualTo("vn.lienthong.gateway.GatewayApplication");
        }
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
    }
}
