package vn.lienthong.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.support.GatewayIntegrationTest;

/** The served OpenAPI document and the REST routes in routes/ name the same paths and methods. */
class OpenApiDocumentTest extends GatewayIntegrationTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    private CamelContext camelContext;

    /** Every REST route is documented and every documented operation has a route; the message names each difference. */
    @Test
    void shouldMatchRestRoutesWhenDocumentServed() throws Exception {
        HttpResponse<String> served = send(HttpRequest.newBuilder(uri("/openapi.yaml")).GET().build());
        assertThat(served.statusCode()).as("GET /openapi.yaml without an API key").isEqualTo(200);
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(served.body());

        Set<String> documented = new TreeSet<>();
        for (Iterator<java.util.Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        Set<String> routed = new TreeSet<>();
        for (RestDefinition rest : camelContext.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                routed.add(verb.asVerb().toUpperCase(Locale.ROOT) + " " + join(rest.getPath(), verb.getPath()));
            }
        }

        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        Set<String> unrouted = new TreeSet<>(documented);
        unrouted.removeAll(routed);
        assertThat(undocumented.isEmpty() && unrouted.isEmpty())
                .as("REST routes in routes/*.camel.yaml missing from src/main/resources/static/openapi.yaml: %s; "
                        + "operations in src/main/resources/static/openapi.yaml with no REST route in routes/*.camel.yaml: %s",
                        undocumented, unrouted)
                .isTrue();
        assertThat(routed).contains("POST /api/v1/dossier-events", "POST /api/v1/portal/callbacks");
    }

    private static String join(String base, String path) {
        String b = base == null ? "" : base.replaceAll("/+$", "");
        String p = path == null || path.isEmpty() ? "" : path.startsWith("/") ? path : "/" + path;
        return (b.startsWith("/") || b.isEmpty() ? b : "/" + b) + p;
    }
}
