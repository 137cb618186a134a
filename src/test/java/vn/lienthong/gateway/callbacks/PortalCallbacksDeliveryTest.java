package vn.lienthong.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryResult;
import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.onestop.OneStopDestination;
import vn.lienthong.gateway.sandbox.OneStopFault;
import vn.lienthong.gateway.sandbox.OneStopRequest;
import vn.lienthong.gateway.sandbox.PortalFault;
import vn.lienthong.gateway.sandbox.PortalSimulator;
import vn.lienthong.gateway.support.FixedClaim;

/** Delivery to the one-stop system: outages, order per dossier, dead letter and replay, and the poll mode. */
class PortalCallbacksDeliveryTest extends CallbacksTestSupport {

    @Autowired
    OneStopDestination oneStop;

    /** The one-stop destination asks whether an event is still claimed right before its POST, and sends nothing if not. */
    @Test
    void sendsNothingToTheOneStopSystemForAnEventWhoseClaimWasTakenOver() {
        String key = "held-" + System.nanoTime();
        OffsetDateTime t = OffsetDateTime.now();
        StoredEvent e = new StoredEvent(1, "national-portal", key, "h",
                OneStopDestination.NAME, "P", "kind", OneStopDestination.OPERATION,
                "g", "{\"path\":\"/api/v1/held\",\"body\":{}}", 0, DeliveryState.IN_FLIGHT, 0, t, t, t, t,
                "token", null, null);

        assertThat(oneStop.deliver(List.of(e), FixedClaim.takenOver())).extracting(DeliveryResult::kind)
                .containsExactly(DeliveryResult.Kind.NOT_ATTEMPTED);
        assertThat(receivedFor(key)).as("requests while the claim was gone").isEmpty();
        oneStop.deliver(List.of(e), FixedClaim.held());
        assertThat(receivedFor(key)).as("requests while it was held").hasSize(1);
    }

    @Autowired
    PortalPoller poller;
    @Autowired
    CallbackProperties callbackProperties;

    private static JsonNode forDossier(String sample, String dossier) {
        ObjectNode c = sample(sample);
        ObjectNode data = (ObjectNode) c.get("DuLieu");
        data.put("MaHoSo", dossier);
        if (data.has("MaXacThuc")) {
            data.put("MaXacThuc", PaymentCode.compute(data, List.of("MaHoSo", "MaThamChieu", "MaGiaoDich", "SoTien",
                    "TrangThai", "ThoiDiem", "MaKenhThanhToan"), PAYMENT_SECRET));
        }
        return c;
    }

    /** While the one-stop system is down callbacks are still accepted; once it is back all arrive, each dossier in order. */
    @Test
    void shouldDeliverAllInOrderWhenOneStopIsDownThenBack() throws Exception {
        ONE_STOP.addFault(OneStopFault.down(-1));
        List<String> dossiers = List.of(dossier(), dossier(), dossier());
        List<String> ids = new ArrayList<>();
        for (String d : dossiers) {
            for (String kind : List.of("thanh-toan", "rut-hoso", "danh-gia")) {
                String id = "msg-outage-" + UUID.randomUUID();
                assertEquals(200, post(forDossier(kind, d), id).statusCode());
                ids.add(id);
            }
        }
        await("failed attempts during the outage", () -> ONE_STOP.requests().size() >= 3);
        assertTrue(ONE_STOP.accepted().isEmpty());

        ONE_STOP.clearFaults();

        await("every callback delivered", () -> ids.stream().allMatch(id -> deliveredFor(id).size() == 1));
        for (String d : dossiers) {
            List<String> paths = ONE_STOP.accepted().stream().map(OneStopRequest::path).filter(p -> p.contains(d)).toList();
            assertEquals(List.of("/api/v1/dossiers/" + d + "/payments", "/api/v1/dossiers/" + d + "/withdrawal",
                    "/api/v1/dossiers/" + d + "/ratings"), paths);
        }
    }

    /** A permanent refusal (HTTP 422) makes the callback DEAD, blocks its dossier, and a JMX replay delivers both in order. */
    @Test
    void shouldGoDeadAndBeReplayableOverJmxWhenOneStopRejectsPermanently() throws Exception {
        String d = dossier();
        ONE_STOP.addFault(OneStopFault.httpError(422, 1).forPath(d + "/payments"));
        String payment = "msg-dead-" + UUID.randomUUID();
        String withdrawal = "msg-after-dead-" + UUID.randomUUID();
        assertEquals(200, post(forDossier("thanh-toan", d), payment).statusCode());
        assertEquals(200, post(forDossier("rut-hoso", d), withdrawal).statusCode());

        await("the payment to go DEAD", () -> store.findByKey(CallbackTranslator.SOURCE, payment)
                .map(e -> e.state() == DeliveryState.DEAD).orElse(false));
        Thread.sleep(300);
        assertTrue(deliveredFor(withdrawal).isEmpty(), "the withdrawal waits behind the dead payment");
        StoredEvent dead = store.findByKey(CallbackTranslator.SOURCE, payment).orElseThrow();
        assertTrue(dead.lastError().contains("HTTP 422"), dead.lastError());

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = DeliveryEngine.objectName("one-stop");
        assertTrue((Long) jmx.getAttribute(name, "Dead") >= 1);
        Object replayed = jmx.invoke(name, "replay", new Object[] {dead.id()}, new String[] {long.class.getName()});
        assertEquals(Boolean.TRUE, replayed);

        await("both delivered after the replay", () -> deliveredFor(payment).size() == 1 && deliveredFor(withdrawal).size() == 1);
        List<String> paths = ONE_STOP.accepted().stream().map(OneStopRequest::path).filter(p -> p.contains(d)).toList();
        assertEquals(List.of("/api/v1/dossiers/" + d + "/payments", "/api/v1/dossiers/" + d + "/withdrawal"), paths);
    }

    /** Polled items are stored before they are acknowledged; after a failed acknowledgement they come again as repeats and are delivered once. */
    @Test
    void shouldStoreThenAcknowledgeAndRecogniseRepeatsWhenPolling() {
        String d = dossier();
        JsonNode payment = forDossier("thanh-toan", d);
        JsonNode withdrawal = forDossier("rut-hoso", d);
        PORTAL.enqueueItem(payment);
        PORTAL.enqueueItem(withdrawal);
        PORTAL.addFault(PortalFault.down(1).forService(PortalSimulator.ACK_ITEMS));

        assertThrows(NationalFailure.class, () -> poller.pollOnce());
        assertEquals(2, PORTAL.waitingItems().size(), "not acknowledged, so still waiting at the portal");

        PortalPoller.Report again = poller.pollOnce();

        assertEquals(new PortalPoller.Report(2, 0, 2, 0, 1), again);
        assertTrue(PORTAL.waitingItems().isEmpty());
        assertEquals(List.of(d), PORTAL.acknowledgedKeys());
        await("both delivered", () -> ONE_STOP.accepted().stream().filter(r -> r.path().contains(d)).count() == 2);
        List<String> paths = ONE_STOP.accepted().stream().map(OneStopRequest::path).filter(p -> p.contains(d)).toList();
        assertEquals(List.of("/api/v1/dossiers/" + d + "/payments", "/api/v1/dossiers/" + d + "/withdrawal"), paths);
        assertEquals(2, ONE_STOP.requests().stream().filter(r -> r.path().contains(d)).count());
    }

    /** In poll mode the scheduled route fetches, stores, acknowledges and forwards waiting items, and push is switched off. */
    @Test
    void shouldPollOnScheduleAndRefusePushWhenModeIsPoll() {
        String d = dossier();
        PORTAL.enqueueItem(forDossier("danh-gia", d));
        callbackProperties.setMode(CallbackProperties.Mode.POLL);
        try {
            assertEquals(404, post(forDossier("rut-hoso", d), "msg-push-in-poll-" + UUID.randomUUID()).statusCode());
            await("the scheduled poll to acknowledge", () -> PORTAL.acknowledgedKeys().contains(d));
        } finally {
            callbackProperties.setMode(CallbackProperties.Mode.PUSH);
        }
        await("the rating delivered", () -> ONE_STOP.accepted().stream().anyMatch(r -> r.path().equals("/api/v1/dossiers/" + d + "/ratings")));
        assertTrue(PORTAL.waitingItems().isEmpty());
        assertTrue(PORTAL.calls().stream().anyMatch(c -> PortalSimulator.LIST_ITEMS.equals(c.service())));
    }
}
