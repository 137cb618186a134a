package vn.lienthong.gateway.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;

class CatalogueApiTest {
    private static final Instant AT = Instant.parse("2026-03-01T02:00:00Z");
    private final CatalogueRefresh refresh = mock(CatalogueRefresh.class);
    private final ProcedureCatalogue catalogue = mock(ProcedureCatalogue.class);
    private final CatalogueApi api = new CatalogueApi(mock(CatalogueStatus.class), refresh, catalogue, new ObjectMapper());

    /** A published procedure is answered with what an event carrying its code would get. */
    @Test
    void shouldDescribeProcedureWhenCodeIsPublished() {
        CatalogueProcedure p = new CatalogueProcedure("1.001", "Đăng ký khai sinh", "HT", "Hộ tịch", false, null, true,
                List.of(), List.of(), List.of());
        when(catalogue.resolve("1.001")).thenReturn(new Resolution(Resolution.Outcome.FOUND, "1.001", p, AT));

        ApiReply reply = api.procedure(ApiRequest.builder("GET").header("code", "1.001").build());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = Replies.body(reply);
        assertThat(body.path("outcome").asText()).isEqualTo("FOUND");
        assertThat(body.path("procedure").path("name").asText()).isEqualTo("Đăng ký khai sinh");
        assertThat(body.has("raw")).isFalse();
    }

    /** A code the catalogue does not hold is a 404 problem saying so. */
    @Test
    void shouldAnswerNotFoundWhenCodeIsUnknown() {
        when(catalogue.resolve("9.999")).thenReturn(new Resolution(Resolution.Outcome.UNKNOWN, "9.999", null, AT));

        ApiReply reply = api.procedure(ApiRequest.builder("GET").header("code", "9.999").build());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(Replies.body(reply).path("detail").asText()).contains("procedure 9.999 is not in the national procedure catalogue");
    }

    /** A refresh asked while another runs is a 409 that points to where its result will be. */
    @Test
    void shouldAnswerConflictWhenAnotherRefreshRuns() {
        when(refresh.refresh(CatalogueRefresh.Trigger.ADMIN)).thenReturn(RefreshReport.skipped("ADMIN", "a", AT, "b"));

        ApiReply reply = api.refresh(ApiRequest.builder("POST").build());

        assertThat(reply.status()).isEqualTo(409);
        assertThat(Replies.body(reply).path("type").asText()).isEqualTo("urn:lienthong:problem:catalogue-refresh-running");
        assertThat(Replies.body(reply).path("detail").asText()).isEqualTo(
                "another refresh is running on b; its result will be at GET /admin/catalogue");
    }
}
