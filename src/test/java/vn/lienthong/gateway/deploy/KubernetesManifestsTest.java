package vn.lienthong.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettingsCheck;

/**
 * The Kubernetes manifests (config/kubernetes) against the application's own configuration: ports, probe paths,
 * environment variable names, secrets, and the image's user and writable folders. A renamed setting or a moved
 * port fails here, not in a province's cluster.
 */
class KubernetesManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path MANIFESTS = Path.of("config/kubernetes");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([^}]*))?}");

    private final Map<String, JsonNode> byKind = manifests();
    private final JsonNode deployment = byKind.get("Deployment");
    private final JsonNode container = deployment.at("/spec/template/spec/containers/0");

    KubernetesManifestsTest() throws IOException {
    }

    /** The container's ports are the application's (API, actuator in the production profile, remote JMX). */
    @Test
    void shouldDeclareApplicationPortsWhenDeployed() throws IOException {
        String application = Files.readString(Path.of("config/application.yml"));
        String production = Files.readString(Path.of("config/application-production.yml"));
        assertThat(port("http")).isEqualTo(Integer.parseInt(placeholderDefault(application, "GATEWAY_PORT")));
        assertThat(port("management")).isEqualTo(Integer.parseInt(placeholderDefault(production, "GATEWAY_MANAGEMENT_PORT")));
        Matcher jmx = Pattern.compile("jmxremote\\.port=(\\d+)").matcher(production);
        assertThat(jmx.find()).as("the JMX port in application-production.yml").isTrue();
        assertThat(port("jmx")).isEqualTo(Integer.parseInt(jmx.group(1)));
        assertThat(env("GATEWAY_PORT")).isEqualTo(Integer.toString(port("http")));
        assertThat(env("GATEWAY_MANAGEMENT_PORT")).isEqualTo(Integer.toString(port("management")));
        assertThat(List.of(env("SPRING_PROFILES_ACTIVE").split(","))).contains("production", "postgres")
                .allSatisfy(p -> assertThat(Path.of("config/application-" + p + ".yml")).exists());
    }

    /** Probes ask the actuator's liveness and readiness groups on the actuator's port. */
    @Test
    void shouldProbeActuatorHealthGroupsWhenDeployed() throws IOException {
        JsonNode management = YAML.readTree(Path.of("config/application.yml").toFile()).path("management");
        assertThat(management.at("/endpoint/health/probes/enabled").asBoolean()).isTrue();
        String base = management.at("/endpoints/web/base-path").asText("/actuator") + "/health/";
        assertThat(management.at("/endpoint/health/group").has("liveness")).isTrue();
        assertThat(management.at("/endpoint/health/group").has("readiness")).isTrue();
        for (String probe : List.of("startupProbe", "livenessProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(probe).isEqualTo(base + "liveness");
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("management");
        }
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(base + "readiness");
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("management");
    }

    /**
     * Every variable the Deployment sets is one the application reads (a placeholder of config/application*.yml,
     * a key's relaxed binding, or the JVM's and Spring's own), and every setting the gateway refuses to start
     * without is set.
     */
    @Test
    void shouldSetOnlyAndAllRequiredSettingsWhenDeployed() throws IOException {
        Set<String> read = new HashSet<>(Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS"));
        try (Stream<Path> files = Files.list(Path.of("config"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("application.*\\.yml")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(f));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        Set<String> set = new TreeSet<>();
        container.path("env").forEach(e -> set.add(e.path("name").asText()));
        String application = Files.readString(Path.of("config/application.yml"));
        for (String name : set) {
            if (name.startsWith("GATEWAY_SECURITY_APIKEYS_")) { // gateway.security.api-keys[n].… by relaxed binding
                assertThat(application).contains("api-keys:");
                assertThat(name).matches("GATEWAY_SECURITY_APIKEYS_\\d+_(CLIENTID|SHA256|SCOPES_\\d+)");
            } else {
                assertThat(read).as("variables the application reads").contains(name);
            }
        }
        assertThat(set).as("required settings").containsAll(requiredVariables());
    }

    /** Secrets come from the Secret whose template lists exactly the keys the Deployment reads. */
    @Test
    void shouldReadEverySecretKeyFromTheTemplateWhenDeployed() throws IOException {
        Set<String> referenced = new TreeSet<>();
        container.path("env").forEach(e -> {
            JsonNode ref = e.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText()).isEqualTo(byKind.get("Secret").at("/metadata/name").asText());
                assertThat(ref.path("key").asText()).isEqualTo(e.path("name").asText());
                referenced.add(ref.path("key").asText());
            }
        });
        Set<String> template = new TreeSet<>();
        byKind.get("Secret").path("stringData").fieldNames().forEachRemaining(template::add);
        assertThat(template).isEqualTo(referenced);
    }

    /** As the image runs: its user, a read-only root, and the image's writable folders mounted. */
    @Test
    void shouldRunAsImageUserOnReadOnlyRootWhenDeployed() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher user = Pattern.compile("<user>(\\d+):(\\d+)</user>").matcher(pom);
        assertThat(user.find()).isTrue();
        JsonNode pod = deployment.at("/spec/template/spec/securityContext");
        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("runAsUser").asText()).isEqualTo(user.group(1));
        assertThat(pod.path("runAsGroup").asText()).isEqualTo(user.group(2));
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        Set<String> mounts = new HashSet<>();
        container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
        Matcher volume = Pattern.compile("<volume>([^<]+)</volume>").matcher(pom);
        while (volume.find()) {
            assertThat(mounts).as("mounts of the image's volumes").contains(volume.group(1));
        }
        assertThat(mounts).contains(env("GATEWAY_DATA_DIR"), env("GATEWAY_MAPPINGS").replaceAll("^file:|/$", ""));
    }

    /** Services, the disruption budget and the network policy select the pods and name their ports; no Service exposes JMX. */
    @Test
    void shouldSelectPodsAndKeepJmxInsideWhenDeployed() throws IOException {
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        assertThat(deployment.at("/spec/selector/matchLabels")).isEqualTo(labels);
        assertThat(byKind.get("PodDisruptionBudget").at("/spec/selector/matchLabels")).isEqualTo(labels);
        assertThat(byKind.get("NetworkPolicy").at("/spec/podSelector/matchLabels")).isEqualTo(labels);
        for (JsonNode service : all("Service")) {
            assertThat(service.at("/spec/type").asText()).isEqualTo("ClusterIP");
            assertThat(service.at("/spec/selector")).isEqualTo(labels);
            service.at("/spec/ports").forEach(p -> {
                assertThat(port(p.path("targetPort").asText())).as("targetPort %s", p.path("targetPort")).isPositive();
                assertThat(p.path("targetPort").asText()).isNotEqualTo("jmx");
                assertThat(p.path("port").asInt()).isNotEqualTo(port("jmx"));
            });
        }
        List<String> kustomized = new ArrayList<>();
        YAML.readTree(MANIFESTS.resolve("kustomization.yaml").toFile()).path("resources").forEach(r -> kustomized.add(r.asText()));
        assertThat(kustomized).contains("deployment.yaml", "service.yaml", "pdb.yaml", "networkpolicy.yaml")
                .doesNotContain("secret.example.yaml");
    }

    /** The environment variables named by the gateway's refusals to start (RequiredSettings and its kin). */
    private static Set<String> requiredVariables() {
        // every flow's required settings with nothing set (the civil-status flow is off by default)
        List<String> missing = new ArrayList<>(RequiredSettingsCheck.missing(new Binder()));
        Set<String> variables = new TreeSet<>();
        for (String m : missing) {
            Matcher v = Pattern.compile("\\(([A-Z0-9_]+)\\)").matcher(m);
            assertThat(v.find()).as("a variable in %s", m).isTrue();
            variables.add(v.group(1));
        }
        return variables;
    }

    private int port(String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    private String env(String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("the Deployment does not set " + name);
    }

    private static String placeholderDefault(String yaml, String variable) {
        Matcher m = PLACEHOLDER.matcher(yaml);
        while (m.find()) {
            if (m.group(1).equals(variable)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no ${" + variable + ":…} placeholder");
    }

    private List<JsonNode> all(String kind) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode doc : documents()) {
            if (doc.path("kind").asText().equals(kind)) {
                found.add(doc);
            }
        }
        return found;
    }

    /** The first manifest of each kind. */
    private static Map<String, JsonNode> manifests() throws IOException {
        Map<String, JsonNode> byKind = new java.util.HashMap<>();
        for (JsonNode doc : documents()) {
            byKind.putIfAbsent(doc.path("kind").asText(), doc);
        }
        return byKind;
    }

    private static List<JsonNode> documents() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                YAML.readValues(YAML.getFactory().createParser(f.toFile()), JsonNode.class).readAll().stream()
                        .filter(d -> d != null && d.has("kind")).forEach(docs::add);
            }
        }
        return docs;
    }
}
