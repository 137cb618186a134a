package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;
import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.delivery.StoredEvent;

class DossierEventsApiTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-06-01T08:00:00Z");
    private final DossierEventService service = mock(DossierEventService.class);
    private final DossierEventsApi api = new DossierEventsApi(service, new ObjectMapper(), new DossierApiProperties());

    private static StoredEvent stored() {
        return new StoredEvent(7, "onestop", "ev-1", "h", "national-portal", "000.00.12.H47-241124-0002", "DOSSIER_STATUS",
                "op", "g", "{\"meta\":{\"status\":\"RECEIVED\"}}", 0, DeliveryState.QUEUED, 0, AT, AT, AT, null, null, null, null);
    }

    /** An event the service stores is answered 202 with its delivery state, the client named as its source. */
    @Test
    void shouldAnswerAcceptedWhenEventIsStored() {
        when(service.accept(anyList(), eq("onestop"))).thenReturn(List.of(
                new DossierEventService.Result(DossierEventService.Result.Outcome.ACCEPTED, stored(), null)));

        ApiReply reply = api.accept(ApiRequest.builder("POST").client("onestop").json("{\"eventId\":\"ev-1\"}").build());

        assertThat(reply.status()).isEqualTo(202);
        JsonNode body = Replies.body(reply);
        assertThat(body.path("eventId").asText()).isEqualTo("ev-1");
        assertThat(body.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(body.path("state").asText()).isEqualTo("QUEUED");
    }

    /** A batch body without an events list is a 400 naming the field and its rule; nothing reaches the service. */
    @Test
    void shouldAnswerProblemWhenBatchHasNoEvents() {
        ApiReply reply = api.acceptBatch(ApiRequest.builder("POST").client("onestop").json("{\"items\":[]}").build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Replies.firstError(reply)).isEqualTo("events required");
        verify(service, never()).accept(anyList(), any());
    }

    /** A body with a key twice is a 400 naming the rule, read from the raw bytes before anything else. */
    @Test
    void shouldAnswerProblemWhenBodyRepeatsAKey() {
        ApiReply reply = api.accept(ApiRequest.builder("POST").client("onestop").json("{\"eventId\":\"a\",\"eventId\":\"b\"}").build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Replies.firstError(reply)).isEqualTo("$ json.duplicate-key");
    }
}
