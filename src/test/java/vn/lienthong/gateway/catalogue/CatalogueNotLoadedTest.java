package vn.lienthong.gateway.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import vn.lienthong.gateway.support.GatewayIntegrationTest;

/**
 * A fresh install whose catalogue was never refreshed: the seeds of mappings/procedures.yaml serve, every other
 * code is answered 503 with Retry-After (nothing lost: the one-stop system sends it again), nothing is stored.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:catalogue-never-loaded;DB_CLOSE_DELAY=-1")
class CatalogueNotLoadedTest extends GatewayIntegrationTest {

    /** This gateway stays as installed: no refresh. */
    @Override
    protected void loadCatalogue() {
    }

    /** A seed code is accepted and reaches the portal with the seed's names, also as a local code with a suffix. */
    @Test
    void shouldAcceptSeedCodeWhenCatalogueNeverLoaded() {
        assertThat(procedureCatalogue.index().loaded()).isFalse();
        String dossier = newDossier();
        ObjectNode e = event(dossier + "-s", dossier, "NEW").put("procedureCode", "1.003560.000.00.00.H56");
        assertThat(postEvent(e).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 1);
        JsonNode record = PORTAL.appliedRecords(dossier).get(0);
        assertThat(record.get("TenTTHC").asText()).isEqualTo("Cấp giấy phép xây dựng đối với công trình cấp III, cấp IV");
        assertThat(record.get("MaLinhVuc").asText()).isEqualTo("G13-XD05");
        assertThat(record.get("TenLinhVuc").asText()).isEqualTo("Hoạt động xây dựng");
    }

    /** Any other code is 503 with Retry-After and the rule that says why; alone and in a batch; nothing is stored. */
    @Test
    void shouldAskToSendAgainWhenCodeCannotBeCheckedYet() {
        String code = PORTAL.catalogue().publishedCodes().get(500);
        String dossier = newDossier();
        HttpResponse<String> r = postEvent(event(dossier + "-n", dossier, "NEW").put("procedureCode", code));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("60");
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json(r);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("procedureCode");
        assertThat(problem.at("/errors/0/rule").asText()).isEqualTo("procedure-code.catalogue-not-loaded");
        assertThat(problem.get("detail").asText()).contains(code, "not been loaded", "send the event again later");
        assertThat(get("/api/v1/dossiers/" + dossier + "/events", WRITER_KEY).statusCode()).isEqualTo(404);

        String other = newDossier();
        ObjectNode batch = JSON.createObjectNode();
        batch.putArray("events").add(event(other + "-a", other, "NEW").put("procedureCode", code))
                .add(event(other + "-b", other, "NEW"));
        JsonNode results = json(post("/api/v1/dossier-events/batch", WRITER_KEY, batch.toString())).get("results");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(503);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(202);

        JsonNode summary = json(get("/admin/catalogue", ADMIN_KEY));
        assertThat(summary.get("loaded").asBoolean()).isFalse();
        assertThat(summary.get("ageSeconds").asLong()).isEqualTo(-1);
        assertThat(summary.get("lastRefresh").isNull()).isTrue();
    }
}
