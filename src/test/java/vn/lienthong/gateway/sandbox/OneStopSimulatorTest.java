package vn.lienthong.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** The one-stop simulator knows every path the gateway's tables send to, and refuses the rest. */
class OneStopSimulatorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DOSSIER = "000.00.12.H47-241124-0001";

    /** Every path of portal-callback-kinds, civil-status-modules and portal-push-procedures is answered 201. */
    @Test
    void shouldAcceptWhenPathIsOneTheMappingsSendTo() throws Exception {
        List<String> paths = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String table : List.of("portal-callback-kinds", "civil-status-modules", "portal-push-procedures")) {
            for (JsonNode e : yaml.readTree(Path.of("mappings", table + ".yaml").toFile()).path("entries")) {
                paths.add(e.path("path").asText().replace("{dossierCode}", DOSSIER));
            }
        }
        assertThat(paths).hasSizeGreaterThanOrEqualTo(8).doesNotContain("");
        try (OneStopSimulator sim = new OneStopSimulator(0, "X-API-Key", "k").start()) {
            for (String path : paths) {
                assertThat(post(sim, path)).as(path).isEqualTo(201);
            }
            assertThat(post(sim, "/api/v1/civil-status/marriages")).isEqualTo(404);
            assertThat(post(sim, "/api/v1/portal-dossiers?x=1")).isEqualTo(404);
        }
    }

    private static int post(OneStopSimulator sim, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("X-API-Key", "k")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
