package vn.lienthong.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.callbacks.CallbackSignature;
import vn.lienthong.gateway.callbacks.CallbackTranslator;
import vn.lienthong.gateway.delivery.StoredEvent;

/** The portal's THANH_TOAN item mapped onto the transactions: one of ours settles it once; another is relayed as before. */
class PortalPaymentItemTest extends PaymentsTestSupport {
    private static final String CALLBACK_SECRET = "unused-callback-secret-at-least-32-bytes-long-0000";

    /** THANH_TOAN for a transaction opened here: PAID once, reported once; the platform's own confirm after it changes nothing. */
    @Test
    void shouldSettleOurTransactionOnceWhenPortalReportsItPaid() {
        String dossier = dossier();
        String ref = opened(dossier, 150000);
        PLATFORM.addFault(vn.lienthong.gateway.sandbox.PaymentFault.of(vn.lienthong.gateway.sandbox.PaymentFault.Mode.CONFIRM_LOST, 1));
        PLATFORM.pay(ref, true);
        HttpResponse<String> a = callback(item(dossier, ref, 150000, "THANH_CONG"));
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        Transactions.Tx t = txs.find(ref).orElseThrow();
        assertThat(t.state()).isEqualTo(Transactions.State.PAID);
        assertThat(t.settledBy()).isEqualTo("PORTAL");
        PLATFORM.confirmAgain(ref);
        assertThat(PaymentConfirmTest.sentFor(ref)).extracting(s -> s.status()).containsExactly(200);
        ObjectNode again = item(dossier, ref, 150000, "THANH_CONG");
        ((ObjectNode) again.get("DuLieu")).put("ThoiDiem", "20261125094600");
        assertThat(callback(again).statusCode()).isEqualTo(200);
        await("PAID forwarded", () -> oneStopPayments(dossier).size() == 1);
        assertThat(oneStopEvents(dossier)).extracting(StoredEvent::idemKey).containsExactly("payment:" + ref + ":PAID");
    }

    /** THANH_TOAN for one of ours with another amount: refused naming SoTien, nothing settled. */
    @Test
    void shouldRefuseOurTransactionWhenPortalReportsAnotherAmount() {
        String dossier = dossier();
        String ref = opened(dossier, 150000);
        HttpResponse<String> a = callback(item(dossier, ref, 1000, "THANH_CONG"));
        assertThat(a.statusCode()).isBetween(400, 499);
        assertThat(a.body()).contains("SoTien");
        assertThat(txs.find(ref).orElseThrow().state()).isEqualTo(Transactions.State.INITIALISED);
        assertThat(oneStopEvents(dossier)).isEmpty();
    }

    /** THANH_TOAN for a payment the gateway did not open: relayed to the one-stop system as before. */
    @Test
    void shouldRelayWhenReferenceIsNotOurs() {
        String dossier = dossier();
        HttpResponse<String> a = callback(item(dossier, "ELSEWHERE-1", 5000, "THANH_CONG"));
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        assertThat(oneStopEvents(dossier)).extracting(StoredEvent::source).containsExactly(CallbackTranslator.SOURCE);
    }

    private static ObjectNode item(String dossier, String ref, long amount, String status) {
        ObjectNode c = JSON.createObjectNode().put("LoaiThongBao", "THANH_TOAN");
        c.putObject("DuLieu").put("MaHoSo", dossier).put("MaThamChieu", ref).put("MaGiaoDich", "GD-PORTAL-1").put("SoTien", amount)
                .put("TrangThai", status).put("ThoiDiem", "20261125094500").put("MaKenhThanhToan", "1");
        return c;
    }

    private HttpResponse<String> callback(ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/portal/callbacks"))
                    .header("Content-Type", "application/json").header("X-Portal-Message-Id", "msg-" + UUID.randomUUID())
                    .header("X-Portal-Timestamp", ts).header("X-Portal-Signature", CallbackSignature.sign(CALLBACK_SECRET, ts, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
