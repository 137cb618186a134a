package vn.lienthong.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;
import vn.lienthong.gateway.delivery.DeliveryControl;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.mapping.MappingRegistry;

class AdminApiTest {
    private final DeliveryEngine engine = mock(DeliveryEngine.class);
    private final DeliveryControl portal = mock(DeliveryControl.class);
    private final AdminApi api = new AdminApi(engine, mock(MappingRegistry.class), new ObjectMapper());

    private static ApiRequest replay(String destination, String id) {
        return ApiRequest.builder("POST").header("destination", destination).header("id", id).build();
    }

    /** Replaying a DEAD event of a known destination answers 200 "replayed" once the destination took it. */
    @Test
    void shouldReplayWhenDestinationAndEventAreKnown() {
        when(engine.control("national-portal")).thenReturn(portal);
        when(portal.replay(42L)).thenReturn(true);

        ApiReply reply = api.replay(replay("national-portal", "42"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(Replies.body(reply).path("result").asText()).isEqualTo("replayed");
        verify(portal).replay(42L);
    }

    /** An event id that is not a number is a 400 naming the parameter and its rule, and nothing is replayed. */
    @Test
    void shouldAnswerProblemWhenEventIdIsNotNumeric() {
        when(engine.control("national-portal")).thenReturn(portal);

        ApiReply reply = api.replay(replay("national-portal", "4x"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Replies.firstError(reply)).isEqualTo("id type.integer");
        verify(portal, never()).replay(anyLong());
    }

    /** A destination the engine does not know is a 404 problem. */
    @Test
    void shouldAnswerNotFoundWhenDestinationIsUnknown() {
        when(engine.control("nowhere")).thenThrow(new NoSuchElementException("no destination nowhere"));

        ApiReply reply = api.pause(ApiRequest.builder("POST").header("destination", "nowhere").build());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(Replies.body(reply).path("detail").asText()).isEqualTo("no destination nowhere");
    }
}
