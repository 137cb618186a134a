package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.lienthong.gateway.sandbox.PortalSimulator;
import vn.lienthong.gateway.sandbox.ReceivedCall;
import vn.lienthong.gateway.support.GatewayIntegrationTest;

/** The dossier-events API end to end: what the one-stop system gets back and what the portal receives. */
class DossierStatusSyncTest extends GatewayIntegrationTest {

    private static String fixture(String name, String dossier, String eventId) throws IOException {
        try (var in = DossierStatusSyncTest.class.getResourceAsStream("/fixtures/dossier/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("DOSSIER", dossier).replace("EVENT-ID", eventId);
        }
    }

    /** A full event reaches the portal as exactly the record and progress entry of the fixtures, in one create call each. */
    @Test
    void shouldSendExactRecordAndProgressWhenFullEventAccepted() throws IOException {
        String dossier = newDossier();
        HttpResponse<String> r = post("/api/v1/dossier-events", WRITER_KEY, fixture("full-event.json", dossier, "full-1"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r).get("state").asText()).isEqualTo("QUEUED");
        awaitDelivered(dossier, 1);

        assertThat(PORTAL.appliedRecords(dossier)).containsExactly(JSON.readTree(fixture("full-record.json", dossier, "")));
        assertThat(PORTAL.progress(dossier)).containsExactly(JSON.readTree(fixture("full-progress.json", dossier, "")));
        List<ReceivedCall> calls = PORTAL.calls().stream().filter(c -> carries(c, dossier)).toList();
        assertThat(calls).extracting(ReceivedCall::service)
                .containsExactly(PortalSimulator.SYNC_DOSSIER, PortalSimulator.UPDATE_PROGRESS);
        assertThat(calls.get(0).isUpdating()).isEqualTo("False");
        assertThat(calls.get(0).madonvi()).isEqualTo(AGENCY);
        assertThat(calls.get(0).dstcode()).isEqualTo("TEST-H47");
        assertThat(calls.get(0).body().get("session").asText()).isNotBlank();
    }

    /** Whether a portal call carries a record or entry of this dossier: a call may carry other dossiers' heads too, anywhere. */
    private static boolean carries(ReceivedCall c, String dossier) {
        return java.util.stream.StreamSupport.stream(c.body().path("data").spliterator(), false)
                .anyMatch(d -> d.path("MaHoSo").asText().equals(dossier));
    }

    /** Each provincial status word arrives as its own portal code; 5, 6 and 8 are not folded into 9. */
    @ParameterizedTest
    @CsvSource({"NEW,1", "RECEIVED,2", "REJECTED,3", "PROCESSING,4", "SUPPLEMENT_REQUESTED,5", "FEE_REQUESTED,6",
            "WITHDRAWAL_REQUESTED,7", "STOPPED,8", "FINISHED,9", "RETURNED,10"})
    void shouldSendPortalStatusWhenStatusWordMapped(String status, int portalCode) {
        String dossier = newDossier();
        assertThat(postEvent(event(dossier + "-a", dossier, "NEW")).statusCode()).isEqualTo(202);
        assertThat(postEvent(event(dossier + "-b", dossier, status)).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 2);
        List<JsonNode> applied = PORTAL.appliedRecords(dossier);
        assertThat(applied).extracting(n -> n.get("TrangThaiHoSo").asText()).containsExactly("1", String.valueOf(portalCode));
        List<String> updating = PORTAL.calls().stream()
                .filter(c -> c.service().equals(PortalSimulator.SYNC_DOSSIER)
                        && carries(c, dossier))
                .map(ReceivedCall::isUpdating).toList();
        boolean createWord = List.of("NEW", "RECEIVED", "REJECTED").contains(status);
        assertThat(updating).first().isEqualTo("False");
        // A second creating word is answered "exists" and goes again as an update; any other word is an update.
        assertThat(updating.get(updating.size() - 1)).isEqualTo("True");
        assertThat(updating).hasSize(createWord ? 3 : 2);
    }

    /**
     * A supplement request and its completion reach the portal's progress timeline as entries 5 and 4 at their
     * own times (the on-time rule subtracts the time between), and the record lists the request with both dates.
     */
    @Test
    void shouldSendSupplementTimelineWhenSupplementRequestedThenReceived() {
        String dossier = newDossier();
        ObjectNode requested = event(dossier + "-s1", dossier, "SUPPLEMENT_REQUESTED").put("occurredAt", "2026-11-25T10:00:00+07:00");
        requested.putArray("supplements").addObject().put("requestedAt", "2026-11-25T10:00:00+07:00").put("reason", "Bổ sung bản vẽ");
        ObjectNode received = event(dossier + "-s2", dossier, "SUPPLEMENT_RECEIVED").put("occurredAt", "2026-11-26T15:30:00+07:00");
        received.putArray("supplements").addObject().put("requestedAt", "2026-11-25T10:00:00+07:00").put("reason", "Bổ sung bản vẽ")
                .put("completedAt", "2026-11-26T15:30:00+07:00");
        assertThat(postEvent(event(dossier + "-s0", dossier, "RECEIVED")).statusCode()).isEqualTo(202);
        assertThat(postEvent(requested).statusCode()).isEqualTo(202);
        assertThat(postEvent(received).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 3);

        assertThat(PORTAL.progress(dossier)).extracting(p -> p.get("TrangThai").asText() + "@" + p.get("ThoiDiemXuLy").asText())
                .containsExactly("5@20261125100000", "4@20261126153000");
        JsonNode last = PORTAL.dossiers().get(dossier);
        assertThat(last.get("TrangThaiHoSo").asText()).isEqualTo("4");
        assertThat(last.get("DanhSachHoSoBoSung").get(0).get("NgayBoSung").asText()).isEqualTo("20261126153000");
    }

    /** The same event sent twice is stored once; the repeat answers 200 with the event's current state. */
    @Test
    void shouldAnswerCurrentStateWhenEventRepeated() {
        String dossier = newDossier();
        ObjectNode e = event("rep-" + dossier, dossier, "RECEIVED");
        assertThat(postEvent(e).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 1);
        HttpResponse<String> again = postEvent(e);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("state").asText()).isEqualTo("DELIVERED");
        assertThat(eventsOf(dossier)).hasSize(1);
        assertThat(PORTAL.appliedRecords(dossier)).hasSize(1);
    }

    /** Key order and whitespace do not make a repeat a conflict. */
    @Test
    void shouldTreatReorderedBodyAsRepeatWhenOnlyKeyOrderDiffers() {
        String dossier = newDossier();
        String a = "{\"eventId\":\"ord-" + dossier + "\",\"dossierCode\":\"" + dossier + "\",\"procedureCode\":\"1.001612\","
                + "\"agencyCode\":\"" + AGENCY + "\",\"status\":\"NEW\",\"occurredAt\":\"2026-11-24T09:15:00+07:00\"}";
        String b = "{ \"status\":\"NEW\", \"occurredAt\":\"2026-11-24T09:15:00+07:00\", \"agencyCode\":\"" + AGENCY
                + "\", \"procedureCode\":\"1.001612\", \"dossierCode\":\"" + dossier + "\", \"eventId\":\"ord-" + dossier + "\" }";
        assertThat(post("/api/v1/dossier-events", WRITER_KEY, a).statusCode()).isEqualTo(202);
        assertThat(post("/api/v1/dossier-events", WRITER_KEY, b).statusCode()).isEqualTo(200);
    }

    /** A known eventId with a different body is refused with 409 and the stored event stays as it was. */
    @Test
    void shouldAnswer409WhenEventIdReusedWithDifferentBody() {
        String dossier = newDossier();
        assertThat(postEvent(event("conf-" + dossier, dossier, "RECEIVED")).statusCode()).isEqualTo(202);
        HttpResponse<String> r = postEvent(event("conf-" + dossier, dossier, "FINISHED"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(r).get("type").asText()).isEqualTo("urn:lienthong:problem:idempotency-conflict");
        assertThat(eventsOf(dossier)).hasSize(1);
        assertThat(eventsOf(dossier).get(0).get("status").asText()).isEqualTo("RECEIVED");
    }

    /** Without a key, with an unknown key, or with a key lacking the scope, nothing is accepted. */
    @Test
    void shouldRefuseWhenKeyMissingWrongOrWithoutScope() {
        String dossier = newDossier();
        String body = event("auth-" + dossier, dossier, "NEW").toString();
        HttpResponse<String> none = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/dossier-events"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(post("/api/v1/dossier-events", "not-a-key", body).statusCode()).isEqualTo(401);
        HttpResponse<String> admin = post("/api/v1/dossier-events", ADMIN_KEY, body);
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(json(admin).get("status").asInt()).isEqualTo(403);
        assertThat(get("/api/v1/dossiers/" + dossier + "/events", WRITER_KEY).statusCode()).isEqualTo(404);
        assertThat(get("/admin/destinations", WRITER_KEY).statusCode()).isEqualTo(403);
        assertThat(get("/admin/destinations", ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    /** A batch answers one result per event: accepted, repeated, conflicting and invalid side by side. */
    @Test
    void shouldJudgeEachEventOnItsOwnWhenBatchMixed() {
        String d1 = newDossier();
        String d2 = newDossier();
        assertThat(postEvent(event("b-known-" + d1, d1, "NEW")).statusCode()).isEqualTo(202);
        ObjectNode bad = event("b-bad-" + d2, d2, "NEW");
        bad.put("dossierCode", "nonsense");
        String batch = "{\"events\":[" + event("b-new-" + d2, d2, "NEW") + "," + event("b-known-" + d1, d1, "NEW") + ","
                + event("b-known-" + d1, d1, "FINISHED") + "," + bad + "," + event("b-unk-" + d2, d2, "NO_SUCH") + "]}";
        HttpResponse<String> r = post("/api/v1/dossier-events/batch", WRITER_KEY, batch);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = json(r).get("results");
        assertThat(results).extracting(n -> n.get("status").asInt()).containsExactly(202, 200, 409, 400, 422);
        assertThat(results.get(3).get("errors").get(0).get("field").asText()).isEqualTo("dossierCode");
        assertThat(results.get(4).get("errors").get(0).get("rule").asText()).isEqualTo("status.unknown");
        assertThat(json(r).get("accepted").asInt()).isEqualTo(2);
        awaitDelivered(d2, 1);
    }

    /**
     * A path no rule grants is refused (deny-all: 403), a method a granted path does not take is a 405, each as a
     * problem, not an HTML or default error page.
     */
    @Test
    void shouldAnswerProblemWhenPathOrMethodUnknown() {
        HttpResponse<String> missing = get("/api/v1/no-such-thing", WRITER_KEY);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        HttpResponse<String> method = get("/api/v1/dossier-events", WRITER_KEY);
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(json(method).get("status").asInt()).isEqualTo(405);
    }

    /** A batch larger than the limit is refused whole. */
    @Test
    void shouldRefuseBatchWhenOverLimit() {
        StringBuilder sb = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 501; i++) {
            sb.append(i == 0 ? "" : ",").append("{}");
        }
        HttpResponse<String> r = post("/api/v1/dossier-events/batch", WRITER_KEY, sb.append("]}").toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").get(0).get("rule").asText()).isEqualTo("list.size");
    }
}
