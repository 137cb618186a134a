package vn.lienthong.gateway.civilstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.mapping.MappingLoader;
import vn.lienthong.gateway.mapping.MappingRegistry;

class PortalPushApiTest {
    private static final CivilStatusVocabulary SHIPPED = CivilStatusVocabulary.from(MappingLoader.load("file:mappings/"));
    private final Dossiers dossiers = mock(Dossiers.class);
    private final PortalPushApi api;

    PortalPushApiTest() {
        CivilStatusProperties cfg = new CivilStatusProperties();
        cfg.setPushEnabled(true);
        cfg.getFiles().setPublicBaseUrl("https://gateway.example/");
        api = new PortalPushApi(cfg, () -> SHIPPED, mock(MappingRegistry.class), mock(FileStore.class), dossiers,
                mock(DeliveryEngine.class), new ObjectMapper(), Clock.systemUTC());
    }

    private static ApiRequest pushed(String body) {
        return ApiRequest.builder("POST").client("lgsp").header("Content-Type", "application/json")
                .streamedBody(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** A MaHoSo received before is the portal's success error_code 1, as soon as the field is read. */
    @Test
    void shouldAnswerDuplicateWhenDossierWasReceivedBefore() throws Exception {
        when(dossiers.find("G22.99-241124-0001")).thenReturn(Optional.of(new Dossiers.Held("G22.99-241124-0001", "portal-push",
                null, "1.001", "000.00.12.H47", OffsetDateTime.parse("2026-06-01T08:00:00Z"))));

        ApiReply reply = api.receive(pushed("{\"MaHoSo\":\"G22.99-241124-0001\",\"TaiLieuNop\":[]}"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = Replies.body(reply);
        assertThat(body.path("error_code").asInt()).isEqualTo(1);
        assertThat(body.path("message").asText()).isEqualTo("G22.99-241124-0001| duplicate refId");
        verify(dossiers, never()).store(any(), any(), any());
    }

    /** A body that is not a JSON object is a 400 problem that also speaks the portal's error_code -1. */
    @Test
    void shouldRefuseInPortalConventionWhenBodyIsNotAnObject() throws Exception {
        ApiReply reply = api.receive(pushed("[1]"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(Replies.body(reply).path("error_code").asInt()).isEqualTo(-1);
        assertThat(Replies.body(reply).path("message").asText()).isEqualTo("the body is not a JSON object");
    }

    /** The push path must be streamed: a buffered body is a configuration fault, not a client's. */
    @Test
    void shouldFailWhenPathIsNotStreamed() {
        ApiRequest buffered = ApiRequest.builder("POST").client("lgsp").json("{}").build();

        assertThatThrownBy(() -> api.receive(buffered)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway.http.streamed-paths");
    }
}
