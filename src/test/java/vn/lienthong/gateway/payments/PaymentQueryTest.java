package vn.lienthong.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.sandbox.PaymentFault;
import vn.lienthong.gateway.sandbox.PaymentPlatformSimulator;

/** No payment lost: QUERY of what stays unconfirmed, one effect with the callback, the paid fees in the dossier's record, the portal's bill lookup. */
class PaymentQueryTest extends PaymentsTestSupport {
    @Autowired
    PaymentService service;

    /** The confirm is lost: QUERY (the exact message) finds it paid and settles it; the late confirm then changes nothing. */
    @Test
    void shouldSettleOnceByQueryWhenConfirmLostThenArrivesLate() {
        String dossier = dossier();
        String ref = opened(dossier, 150000);
        PLATFORM.addFault(PaymentFault.of(PaymentFault.Mode.CONFIRM_LOST, 1));
        PLATFORM.pay(ref, true);
        assertThat(PaymentConfirmTest.sentFor(ref)).isEmpty();
        queries.runWithLock();
        Transactions.Tx t = txs.find(ref).orElseThrow();
        assertThat(t.state()).isEqualTo(Transactions.State.PAID);
        assertThat(t.settledBy()).isEqualTo("QUERY");
        assertThat(t.transactionCode()).isEqualTo(PLATFORM.transaction(ref).transactionCode());
        List<PaymentPlatformSimulator.Received> q = platformCalls("QUERY", ref);
        assertThat(q).hasSize(1);
        assertThat(q.get(0).body()).isEqualTo("{\"LoaiBanTin\":\"QUERY\",\"PhienBan\":\"1.0.6\",\"MaDoiTac\":\"" + PARTNER
                + "\",\"MaThamChieu\":\"" + ref + "\",\"ThoiGianGD\":\"" + t.txTime() + "\",\"MaXacThuc\":\""
                + PaymentConfirmTest.sha("QUERY|1.0.6|" + PARTNER + "|" + ref + "|" + t.txTime() + "|" + SECRET) + "\"}");

        PLATFORM.confirmAgain(ref);
        assertThat(PaymentConfirmTest.sentFor(ref)).extracting(PaymentPlatformSimulator.Sent::status).containsExactly(200);
        await("PAID forwarded", () -> oneStopPayments(dossier).size() == 1);
        assertThat(oneStopEvents(dossier)).extracting(StoredEvent::idemKey).containsExactly("payment:" + ref + ":PAID");
        queries.runWithLock();
        assertThat(platformCalls("QUERY", ref)).hasSize(1);
    }

    /** The confirm comes late (the simulator's CONFIRM_LATE), whichever of it and QUERY lands first: one PAID event, the confirm answered 200. */
    @Test
    void shouldHaveOneEffectWhenConfirmComesLate() {
        String dossier = dossier();
        String ref = opened(dossier, 64000);
        PLATFORM.addFault(new PaymentFault(PaymentFault.Mode.CONFIRM_LATE, 1, 1000));
        PLATFORM.pay(ref, true);
        queries.runWithLock();
        await("the late confirm answered", () -> PaymentConfirmTest.sentFor(ref).size() == 1);
        assertThat(PaymentConfirmTest.sentFor(ref).get(0).status()).isEqualTo(200);
        assertThat(txs.find(ref).orElseThrow().state()).isEqualTo(Transactions.State.PAID);
        assertThat(oneStopEvents(dossier)).extracting(StoredEvent::idemKey).containsExactly("payment:" + ref + ":PAID");
    }

    /** Not yet paid (TrangThaiGD 3), then the platform down: asked again each time, still pending; once back and paid, PAID. */
    @Test
    void shouldKeepAskingUntilPaidWhenPendingAndPlatformDown() {
        String dossier = dossier();
        String ref = opened(dossier, 20000);
        queries.runWithLock();
        Transactions.Tx pending = txs.find(ref).orElseThrow();
        assertThat(pending.state()).isEqualTo(Transactions.State.PENDING);
        assertThat(pending.checks()).isEqualTo(1);
        assertThat(json(pending.queryBody()).get("TrangThaiGD").asText()).isEqualTo("3");
        PLATFORM.addFault(PaymentFault.of(PaymentFault.Mode.DOWN, -1));
        queries.runWithLock();
        queries.runWithLock();
        assertThat(txs.find(ref).orElseThrow().state()).isEqualTo(Transactions.State.PENDING);
        assertThat(txs.find(ref).orElseThrow().checks()).isEqualTo(3);
        PLATFORM.clearFaults();
        PLATFORM.addFault(PaymentFault.of(PaymentFault.Mode.CONFIRM_LOST, 1));
        PLATFORM.pay(ref, true);
        queries.runWithLock();
        assertThat(txs.find(ref).orElseThrow().state()).isEqualTo(Transactions.State.PAID);
        await("PAID forwarded", () -> oneStopPayments(dossier).size() == 1);
    }

    /** TrangThaiGD 4: FAILED, reported once. */
    @Test
    void shouldFailWhenQuerySaysFailed() {
        String dossier = dossier();
        String ref = opened(dossier, 20000);
        PLATFORM.addFault(PaymentFault.of(PaymentFault.Mode.CONFIRM_LOST, 1));
        PLATFORM.pay(ref, false);
        queries.runWithLock();
        assertThat(txs.find(ref).orElseThrow().state()).isEqualTo(Transactions.State.FAILED);
        await("FAILED forwarded", () -> oneStopPayments(dossier).size() == 1);
        assertThat(json(oneStopPayments(dossier).get(0).body()).get("status").asText()).isEqualTo("FAILED");
    }

    /** Past the deadline without a final answer: UNRESOLVED, no QUERY sent, no longer due. */
    @Test
    void shouldStopAskingWhenDeadlinePassed() {
        String dossier = dossier();
        String ref = "dvc" + dossier.replaceAll("\\W", "") + "20200101000000";
        OffsetDateTime old = txs.now().minusDays(4);
        txs.insert(new Transactions.Tx(ref, "one-stop", "old-" + dossier, "h", dossier, 1000, "[]", PARTNER, "20200101000000",
                "x", "{}", Transactions.State.INITIALISED, "http://pay", "{}", null, null, null, null, null, null, null, 0, old, null,
                null, old), "INIT answered");
        service.query(txs.find(ref).orElseThrow());
        assertThat(txs.find(ref).orElseThrow().state()).isEqualTo(Transactions.State.UNRESOLVED);
        assertThat(platformCalls("QUERY", ref)).isEmpty();
        assertThat(txs.due(txs.now().plusDays(10), 1000)).extracting(Transactions.Tx::reference).doesNotContain(ref);
    }

    /** A callback and QUERY runs at the same moment, repeatedly: one PAID event. */
    @Test
    void shouldHaveOneEffectWhenCallbackAndQueryConfirmTogether() throws Exception {
        String dossier = dossier();
        String ref = opened(dossier, 99000);
        PLATFORM.addFault(PaymentFault.of(PaymentFault.Mode.CONFIRM_LOST, 1));
        PLATFORM.pay(ref, true);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(CompletableFuture.runAsync(() -> PLATFORM.confirmAgain(ref)));
            all.add(CompletableFuture.runAsync(() -> txs.find(ref).ifPresent(service::query)));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        assertThat(PaymentConfirmTest.sentFor(ref)).extracting(PaymentPlatformSimulator.Sent::status).containsOnly(200);
        assertThat(oneStopEvents(dossier)).extracting(StoredEvent::idemKey).containsExactly("payment:" + ref + ":PAID");
        assertThat(txs.history(ref)).filteredOn(h -> h.state() == Transactions.State.PAID && !h.note().contains("nothing")).hasSize(1);
    }

    /** A paid dossier's next DongBoHoSoMC carries DanhSachLePhi (the fees paid, collected online) and DuocThanhToanTrucTuyen 1. */
    @Test
    void shouldPutPaidFeesInRecordWhenDossierPaid() {
        String dossier = dossier();
        String ref = opened(dossier, 150000);
        ObjectNode before = event("ev-before-" + dossier, dossier);
        assertThat(post("/api/v1/dossier-events", CLIENT_KEY, null, before.toString()).statusCode()).isEqualTo(202);
        PLATFORM.pay(ref, true);
        ObjectNode after = event("ev-after-" + dossier, dossier);
        HttpResponse<String> a = post("/api/v1/dossier-events", CLIENT_KEY, null, after.toString());
        assertThat(a.statusCode()).as(a.body()).isEqualTo(202);
        List<StoredEvent> records = store.byPartition(NationalPortalDestination.NAME, dossier);
        assertThat(records).hasSize(2);
        JsonNode first = json(records.get(0).payload()).get("record");
        JsonNode next = json(records.get(1).payload()).get("record");
        assertThat(first.get("DuocThanhToanTrucTuyen").asText()).isNotEqualTo("1");
        assertThat(first.get("DanhSachLePhi")).isEmpty();
        assertThat(next.get("DuocThanhToanTrucTuyen").asText()).isEqualTo("1");
        assertThat(next.get("DanhSachLePhi")).hasSize(1);
        JsonNode fee = next.get("DanhSachLePhi").get(0);
        assertThat(fee.get("TenPhiLePhi").asText()).isEqualTo("Lệ phí đăng ký khai sinh");
        assertThat(fee.get("Gia").asText()).isEqualTo("150000");
        assertThat(fee.get("MaPhiLePhi").asText()).isEqualTo("1.001612.01");
        assertThat(fee.get("HinhThucThu").asText()).isEqualTo("2");
        assertThat(fee.get("LoaiPhiLePhi").asText()).isEqualTo("2");
    }

    /** The portal's bill lookup: -1 unknown dossier, 1 with the bill while unpaid, 0 once paid; 400 for a malformed code; key required. */
    @Test
    void shouldAnswerTheThreeBillCasesWhenPortalAsks() {
        String dossier = dossier();
        String lookup = "/api/v1/payment-platform/dptracuuthanhtoanhs";
        JsonNode unknown = json(post(lookup, BILL_KEY, null, "{\"MaHoSo\":\"" + dossier + "\"}").body());
        assertThat(unknown.toString()).isEqualTo("{\"error_code\":-1,\"message\":[]}");
        String ref = opened(dossier, 80000);
        JsonNode owing = json(post(lookup, BILL_KEY, null, "{\"MaHoSo\":\"" + dossier + "\"}").body());
        assertThat(owing.get("error_code").asInt()).isEqualTo(1);
        JsonNode bill = owing.get("message");
        Transactions.Tx t = txs.find(ref).orElseThrow();
        assertThat(bill.get("transaction_id").asText()).isEqualTo(ref);
        assertThat(bill.get("client_id").asText()).isEqualTo(PARTNER);
        assertThat(bill.get("MaTraCuuTT").asText()).isEqualTo(dossier + t.txTime());
        assertThat(bill.get("MaHoSo").asText()).isEqualTo(dossier);
        assertThat(bill.get("PhiLePhi").get(0).get("SoTien").asText()).isEqualTo("80000");
        PLATFORM.pay(ref, true);
        assertThat(post(lookup, BILL_KEY, null, "{\"MaHoSo\":\"" + dossier + "\"}").body()).isEqualTo("{\"error_code\":0,\"message\":[]}");
        HttpResponse<String> bad = post(lookup, BILL_KEY, null, "{\"MaHoSo\":\"../x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).at("/errors/0/field").asText()).isEqualTo("MaHoSo");
        assertThat(post(lookup, null, null, "{\"MaHoSo\":\"" + dossier + "\"}").statusCode()).isEqualTo(401);
        assertThat(post(lookup, CLIENT_KEY, null, "{\"MaHoSo\":\"" + dossier + "\"}").statusCode()).isEqualTo(403);
    }

    private static ObjectNode event(String id, String dossier) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", id);
        e.put("dossierCode", dossier);
        e.put("procedureCode", "1.001612");
        e.put("agencyCode", "000.00.12.H47");
        e.put("status", "RECEIVED");
        e.put("occurredAt", "2026-11-24T09:15:00+07:00");
        return e;
    }
}
