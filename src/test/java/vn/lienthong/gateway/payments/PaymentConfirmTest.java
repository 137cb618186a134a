package vn.lienthong.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.ops.Alarms;
import vn.lienthong.gateway.sandbox.OneStopRequest;
import vn.lienthong.gateway.sandbox.PaymentFault;
import vn.lienthong.gateway.sandbox.PaymentPlatformSimulator;

/** The platform's confirm callback: sealed, checked against the amount asked, idempotent, forwarded once. */
class PaymentConfirmTest extends PaymentsTestSupport {
    @Autowired
    Alarms alarms;

    /** A paid confirm sent twice: one PAID to the one-stop system, the same reply to both, the state PAID once. */
    @Test
    void shouldForwardPaidOnceWithSameReplyWhenConfirmRepeated() {
        String dossier = dossier();
        String ref = opened(dossier, 150000);
        PLATFORM.addFault(PaymentFault.of(PaymentFault.Mode.CONFIRM_REPEATED, 1));
        assertThat(PLATFORM.pay(ref, true)).isTrue();
        List<PaymentPlatformSimulator.Sent> sent = sentFor(ref);
        assertThat(sent).hasSize(2);
        assertThat(sent).allSatisfy(s -> assertThat(s.status()).as(s.reply()).isEqualTo(200));
        assertThat(sent.get(1).reply()).isEqualTo(sent.get(0).reply());
        JsonNode confirm = json(sent.get(0).body());
        JsonNode reply = json(sent.get(0).reply());
        assertThat(reply.get("MaLoi").asText()).isEqualTo("00");
        assertThat(reply.get("MoTaLoi").asText()).isEmpty();
        assertThat(reply.get("MaDoiTac").asText()).isEqualTo(PARTNER);
        assertThat(reply.get("ThoiGianGD").asText()).isEqualTo(confirm.get("ThoiGianGD").asText());
        assertThat(reply.get("MaXacThuc").asText()).isEqualTo(confirm.get("MaXacThuc").asText());
        assertThat(reply.get("MaThamChieu").isNull()).isTrue();

        await("PAID forwarded", () -> oneStopPayments(dossier).size() == 1);
        OneStopRequest forwarded = oneStopPayments(dossier).get(0);
        JsonNode body = json(forwarded.body());
        assertThat(body.get("status").asText()).isEqualTo("PAID");
        assertThat(body.get("referenceCode").asText()).isEqualTo(ref);
        assertThat(body.get("amount").asLong()).isEqualTo(150000);
        assertThat(body.get("transactionId").asText()).isEqualTo(confirm.get("MaGiaoDich").asText());
        assertThat(forwarded.headers()).containsEntry("idempotency-key", "payment-platform:payment:" + ref + ":PAID");
        Transactions.Tx t = txs.find(ref).orElseThrow();
        assertThat(t.state()).isEqualTo(Transactions.State.PAID);
        assertThat(t.settledBy()).isEqualTo("CALLBACK");
        assertThat(t.callbackBody()).isEqualTo(sent.get(0).body());
        assertThat(oneStopEvents(dossier)).extracting(StoredEvent::idemKey).containsExactly("payment:" + ref + ":PAID");
        await("delivered", () -> oneStopEvents(dossier).get(0).state() == DeliveryState.DELIVERED);
        assertThat(oneStopPayments(dossier)).hasSize(1);
    }

    /** A forged seal, or none: refused, nothing stored, nothing forwarded. */
    @Test
    void shouldRefuseAndStoreNothingWhenSealForgedOrMissing() {
        String dossier = dossier();
        String ref = opened(dossier, 90000);
        PLATFORM.addFault(PaymentFault.of(PaymentFault.Mode.WRONG_SEAL, 1));
        PLATFORM.pay(ref, true);
        PaymentPlatformSimulator.Sent forged = sentFor(ref).get(0);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(json(forged.reply()).at("/errors/0/field").asText()).isEqualTo("MaXacThuc");
        ObjectNode missing = (ObjectNode) json(forged.body());
        missing.remove("MaXacThuc");
        HttpResponse<String> none = post("/api/v1/payment-platform/confirm", null, null, missing.toString());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(none.body()).at("/errors/0/field").asText()).isEqualTo("MaXacThuc");
        Transactions.Tx t = txs.find(ref).orElseThrow();
        assertThat(t.state()).isEqualTo(Transactions.State.INITIALISED);
        assertThat(t.callbackBody()).isNull();
        assertThat(txs.history(ref)).extracting(Transactions.History::state)
                .containsExactly(Transactions.State.INITIALISED);
        assertThat(oneStopEvents(dossier)).isEmpty();
    }

    /** A sealed confirm for another amount than asked: refused, the alarm raised, the state unchanged, nothing forwarded. */
    @Test
    void shouldRefuseAndRaiseAlarmWhenAmountDiffers() {
        String dossier = dossier();
        String ref = opened(dossier, 120000);
        PLATFORM.addFault(PaymentFault.of(PaymentFault.Mode.WRONG_AMOUNT, 1));
        PLATFORM.pay(ref, true);
        PaymentPlatformSimulator.Sent s = sentFor(ref).get(0);
        assertThat(s.status()).isEqualTo(409);
        assertThat(json(s.reply()).at("/errors/0/rule").asText()).isEqualTo("amount.mismatch");
        assertThat(alarms.isRaised(PaymentService.MISMATCH_ALARM, PaymentService.SOURCE)).isTrue();
        Transactions.Tx t = txs.find(ref).orElseThrow();
        assertThat(t.state()).isEqualTo(Transactions.State.INITIALISED);
        assertThat(t.mismatchAt()).isNotNull();
        assertThat(t.callbackBody()).isNull();
        assertThat(oneStopEvents(dossier)).isEmpty();
    }

    /** A correctly sealed confirm of a reference nobody opened: 404, nothing stored. */
    @Test
    void shouldRefuseWhenReferenceUnknown() {
        PaymentPlatformSimulator.Txn ghost = new PaymentPlatformSimulator.Txn("dvc00000000000000000020991231235959", 1000,
                "20991231235959", "x", "PAID", "GD1", "20991231235959", null);
        HttpResponse<String> a = post("/api/v1/payment-platform/confirm", null, null, PLATFORM.confirmBody(ghost).toString());
        assertThat(a.statusCode()).isEqualTo(404);
        assertThat(json(a.body()).at("/errors/0/rule").asText()).isEqualTo("reference.unknown");
        assertThat(txs.find(ghost.reference())).isEmpty();
    }

    /** A failed payment (MaLoi other than 00) is FAILED and reported; a later paid confirm still wins and is reported after it. */
    @Test
    void shouldReportFailedThenPaidInOrderWhenPaidAfterFailing() {
        String dossier = dossier();
        String ref = opened(dossier, 30000);
        PLATFORM.pay(ref, false);
        assertThat(txs.find(ref).orElseThrow().state()).isEqualTo(Transactions.State.FAILED);
        PaymentPlatformSimulator.Txn failed = PLATFORM.transaction(ref);
        PaymentPlatformSimulator.Txn paid = new PaymentPlatformSimulator.Txn(ref, failed.amount(), failed.txTime(), failed.info(),
                "PAID", "GD-LATER", failed.paidAt(), failed.init());
        HttpResponse<String> a = post("/api/v1/payment-platform/confirm", null, null, PLATFORM.confirmBody(paid).toString());
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        await("both forwarded", () -> oneStopPayments(dossier).size() == 2);
        assertThat(oneStopPayments(dossier)).extracting(r -> json(r.body()).get("status").asText()).containsExactly("FAILED", "PAID");
    }

    /** GET shows the state and the history; the receipt is fetched once with GET_BILL and then served from the store. */
    @Test
    void shouldServeStateHistoryAndReceiptWhenPaid() {
        String dossier = dossier();
        String ref = opened(dossier, 45000);
        assertThat(get("/api/v1/payments/" + ref + "/receipt", CLIENT_KEY).statusCode()).isEqualTo(409);
        PLATFORM.pay(ref, true);
        JsonNode view = json(get("/api/v1/payments/" + ref, CLIENT_KEY).body());
        assertThat(view.get("state").asText()).isEqualTo("PAID");
        assertThat(view.get("confirmedBy").asText()).isEqualTo("CALLBACK");
        assertThat(view.get("history")).extracting(h -> h.get("state").asText()).containsExactly("INITIALISED", "PAID");
        HttpResponse<byte[]> receipt = getBytes("/api/v1/payments/" + ref + "/receipt", CLIENT_KEY);
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(receipt.body()).isEqualTo(PaymentPlatformSimulator.receiptPdf(PLATFORM.transaction(ref)));
        assertThat(getBytes("/api/v1/payments/" + ref + "/receipt", CLIENT_KEY).body()).isEqualTo(receipt.body());
        List<PaymentPlatformSimulator.Received> bills = platformCalls("GET_BILL", ref);
        assertThat(bills).hasSize(1);
        Transactions.Tx t = txs.find(ref).orElseThrow();
        assertThat(bills.get(0).body()).isEqualTo("{\"LoaiBanTin\":\"GET_BILL\",\"PhienBan\":\"1.0.6\",\"MaDoiTac\":\"" + PARTNER
                + "\",\"MaThamChieu\":\"" + ref + "\",\"ThoiGianGD\":\"" + t.txTime() + "\",\"MaXacThuc\":\""
                + sha("GET_BILL|1.0.6|" + PARTNER + "|" + ref + "|" + t.txTime() + "|" + SECRET) + "\"}");
        assertThat(get("/api/v1/payments/dvcUNKNOWN", CLIENT_KEY).statusCode()).isEqualTo(404);
    }

    static List<PaymentPlatformSimulator.Sent> sentFor(String ref) {
        return PLATFORM.sent().stream().filter(s -> s.body().contains("\"" + ref + "\"")).toList();
    }

    static String sha(String s) {
        try {
            return PaymentOpenTest.sha256(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
