package vn.lienthong.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import vn.lienthong.gateway.support.GatewayIntegrationTest;

/** Log lines are JSON objects carrying the request's correlation id, with personal data masked. */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogLineTest extends GatewayIntegrationTest {

    /** A refused event logs one JSON line on the route's thread with the caller's X-Correlation-Id and no whole ID. */
    @Test
    void shouldLogJsonWithCorrelationIdWhenRequestHandled(CapturedOutput output) throws Exception {
        String dossier = newDossier();
        ObjectNode e = event("log-" + dossier, dossier, "NO_SUCH_STATUS");
        e.putObject("applicant").put("type", "CITIZEN").put("personalId", "049085754323").put("name", "Nguyễn Văn An");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/dossier-events")).header("Content-Type", "application/json")
                .header("X-API-Key", WRITER_KEY).header("X-Correlation-Id", "corr-" + dossier)
                .POST(HttpRequest.BodyPublishers.ofString(e.toString())).build());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("X-Correlation-Id")).hasValue("corr-" + dossier);
        await("the refusal logged", Duration.ofSeconds(5), () -> output.getOut().contains("corr-" + dossier));

        ObjectMapper json = new ObjectMapper();
        List<String> lines = output.getOut().lines().filter(l -> l.contains("corr-" + dossier)).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            assertThat(n.get("correlationId").asText()).isEqualTo("corr-" + dossier);
            assertThat(n.get("level").asText()).isNotBlank();
            assertThat(n.get("@timestamp").asText()).isNotBlank();
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("status status.unknown"));
        assertThat(output.getOut()).doesNotContain("049085754323").doesNotContain("Nguyễn Văn An");
    }
}
