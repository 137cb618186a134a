package vn.lienthong.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;
import vn.lienthong.gateway.mapping.MappingLoader;

class PortalCallbackApiTest {
    private static final String SECRET = "unit-test-callback-secret";
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    private static final String TS = String.valueOf(NOW.getEpochSecond());
    private final CallbackService service = mock(CallbackService.class);
    private final SignatureReplayCache replays = mock(SignatureReplayCache.class);
    private final PortalCallbackApi api;

    PortalCallbackApiTest() {
        CallbackProperties cfg = new CallbackProperties();
        cfg.setMode(CallbackProperties.Mode.PUSH);
        cfg.setMaxClockSkew(Duration.ofMinutes(5));
        when(service.vocabulary()).thenReturn(CallbackVocabulary.from(MappingLoader.load("file:mappings/")));
        api = new PortalCallbackApi(service, new CallbackSignature(SECRET, null, cfg.getMaxClockSkew(),
                Clock.fixed(NOW, ZoneOffset.UTC)), cfg, new ObjectMapper(), replays);
    }

    private static ApiRequest signed(String messageId, byte[] body) {
        return ApiRequest.builder("POST").header("Content-Type", "application/json").header("X-Portal-Message-Id", messageId)
                .header("X-Portal-Timestamp", TS).header("X-Portal-Signature", CallbackSignature.sign(SECRET, TS, body))
                .body(body).build();
    }

    /** A callback signed over its raw bytes is committed and answered error_code 0 with its message id. */
    @Test
    void shouldAcceptWhenSignatureCoversRawBody() {
        byte[] body = "{\"LoaiBanTin\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        when(replays.firstUseOrRepeat(anyString(), anyString(), anyLong())).thenReturn(true);
        when(service.accept(anyList())).thenReturn(List.of(new CallbackService.Result(
                CallbackService.Result.Outcome.ACCEPTED, "000.00.12.H47-241124-0002", List.of())));

        ApiReply reply = api.receive(signed("m-1", body));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(Replies.body(reply).path("error_code").asInt()).isZero();
        assertThat(Replies.body(reply).path("messageId").asText()).isEqualTo("m-1");
    }

    /** A valid signature with a malformed message id is a 400 naming the header and its rule; nothing is stored. */
    @Test
    void shouldAnswerProblemWhenMessageIdIsMalformed() {
        ApiReply reply = api.receive(signed("bad id!", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Replies.firstError(reply)).isEqualTo("X-Portal-Message-Id message-id.format");
        verify(service, never()).accept(any());
    }

    /** Bytes other than the signed ones (here one byte that is not UTF-8) fail the signature with 401. */
    @Test
    void shouldRefuseWhenBodyDiffersFromSignedBytes() {
        byte[] sent = {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'};
        ApiRequest request = ApiRequest.builder("POST").header("X-Portal-Message-Id", "m-2").header("X-Portal-Timestamp", TS)
                .header("X-Portal-Signature", CallbackSignature.sign(SECRET, TS,
                        new String(sent, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)))
                .body(sent).build();

        ApiReply reply = api.receive(request);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(Replies.body(reply).path("type").asText()).isEqualTo("urn:lienthong:problem:bad-signature");
    }
}
