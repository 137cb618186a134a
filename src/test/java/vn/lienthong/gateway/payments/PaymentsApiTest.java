package vn.lienthong.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;
import vn.lienthong.gateway.delivery.DeliveryStore;

class PaymentsApiTest {
    private static final String SEAL = "a".repeat(64);
    private final PaymentService service = mock(PaymentService.class);
    private final Transactions transactions = mock(Transactions.class);
    private final PaymentProperties settings = new PaymentProperties();
    private final PaymentsApi api = new PaymentsApi(service, mock(DeliveryStore.class), new ObjectMapper());

    PaymentsApiTest() {
        settings.setEnabled(true);
        when(service.settings()).thenReturn(settings);
        when(service.transactions()).thenReturn(transactions);
    }

    /** The platform's confirm reaches the service as the exact text sent (its seal covers it) and its reply goes back as is. */
    @Test
    void shouldPassRawBodyAndAnswerPlatformReplyWhenConfirmIsApplied() throws Exception {
        String raw = "{ \"MaXacThuc\" : \"" + SEAL + "\", \"MaThamChieu\":\"REF1\", \"MaLoi\":\"00\", \"MaDoiTac\":\"P1\", \"SoTien\":150000 }";
        when(service.confirm(any(), eq(raw))).thenReturn(new PaymentService.Confirmed(PaymentService.Confirmed.Kind.APPLIED,
                "{\"MaLoi\":\"00\",\"MoTaLoi\":\"\"}", null));

        ApiReply reply = api.confirm(ApiRequest.builder("POST").json(raw).build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo("application/json");
        assertThat(reply.text()).isEqualTo("{\"MaLoi\":\"00\",\"MoTaLoi\":\"\"}");
    }

    /** A confirm whose seal does not match is a 401 naming MaXacThuc and the rule it broke. */
    @Test
    void shouldRefuseWhenSealDoesNotMatch() throws Exception {
        String raw = "{\"MaXacThuc\":\"" + SEAL + "\",\"MaThamChieu\":\"REF1\",\"MaLoi\":\"00\",\"MaDoiTac\":\"P1\",\"SoTien\":1}";
        when(service.confirm(any(), eq(raw))).thenReturn(new PaymentService.Confirmed(PaymentService.Confirmed.Kind.SEAL,
                null, "the seal does not match"));

        ApiReply reply = api.confirm(ApiRequest.builder("POST").json(raw).build());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(Replies.firstError(reply)).isEqualTo("MaXacThuc seal.mismatch");
    }

    /** Opening a payment without an Idempotency-Key is a 400 naming the header and its rule; nothing is opened. */
    @Test
    void shouldAnswerProblemWhenIdempotencyKeyIsMissing() {
        ApiReply reply = api.open(ApiRequest.builder("POST").client("onestop").json("{}").build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Replies.firstError(reply)).isEqualTo("Idempotency-Key idempotency-key.format");
        verify(service, never()).open(any(), anyString(), anyString());
    }

    /** The portal's bill lookup of a dossier with no payment answers error_code -1 and an empty message. */
    @Test
    void shouldAnswerUnknownWhenDossierHasNoPayment() {
        when(transactions.ofDossier("000.00.12.H47-241124-0001")).thenReturn(List.of());

        ApiReply reply = api.bill(ApiRequest.builder("POST").json("{\"MaHoSo\":\"000.00.12.H47-241124-0001\"}").build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("{\"error_code\":-1,\"message\":[]}");
    }

    /** With payments off every call is a 404 saying which setting. */
    @Test
    void shouldAnswerNotFoundWhenPaymentsAreOff() {
        settings.setEnabled(false);

        ApiReply reply = api.get(ApiRequest.builder("GET").header("reference", "REF1").build());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(Replies.body(reply).path("detail").asText()).isEqualTo("gateway.payments.enabled is false");
    }
}
