package vn.lienthong.gateway.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.lienthong.gateway.sandbox.OneStopRequest;

/** Push callbacks end to end: signed callback in, exact one-stop request out. */
class PortalCallbacksPushTest extends CallbacksTestSupport {

    /** Each kind of signed callback is answered 200 {"error_code":0} and reaches the one-stop system as the expected request. */
    @ParameterizedTest
    @ValueSource(strings = {"hoso-moi", "bo-sung-hoso", "rut-hoso", "thanh-toan", "danh-gia"})
    void shouldForwardExactRequestWhenSignedCallbackOfEachKindArrives(String name) throws Exception {
        String id = "msg-" + name + "-" + UUID.randomUUID();
        JsonNode callback = sample(name);

        HttpResponse<String> response = post(callback, id);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0, JSON.readTree(response.body()).path("error_code").asInt());
        await("the one-stop request", () -> deliveredFor(id).size() == 1);
        OneStopRequest got = deliveredFor(id).get(0);
        JsonNode expected = read("/fixtures/callbacks/" + name + ".expected.json");
        assertEquals("POST", got.method());
        assertEquals(expected.path("path").asText(), got.path());
        assertEquals(expected.path("body"), JSON.readTree(got.body()));
        assertEquals("application/json; charset=UTF-8", got.header("Content-Type"));
        assertEquals(ONE_STOP_KEY, got.header("X-API-Key"));
        assertEquals("national-portal:" + id, got.header("Idempotency-Key"));
        assertEquals(callback.path("LoaiThongBao").asText(), got.header("X-Gateway-Event-Type"));
        assertNull(got.header("X-Portal-Signature"));
        assertNull(got.header("X-Portal-Message-Id"));
    }

    /** The same callback sent ten times is answered the same each time and delivered once. */
    @Test
    void shouldDeliverOnceWhenSameCallbackArrivesTenTimes() throws Exception {
        String id = "msg-repeat-" + UUID.randomUUID();
        JsonNode callback = sample("danh-gia");
        ((com.fasterxml.jackson.databind.node.ObjectNode) callback.get("DuLieu")).put("MaHoSo", dossier());

        String first = null;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = post(callback, id);
            assertEquals(200, r.statusCode(), r.body());
            first = first == null ? r.body() : first;
            assertEquals(first, r.body());
        }

        await("the delivery", () -> deliveredFor(id).size() == 1);
        Thread.sleep(300);
        assertEquals(1, receivedFor(id).size());
    }

    /** A wrong signature is refused with 401 and nothing is stored. */
    @Test
    void shouldRefuseWith401WhenSignatureIsWrong() {
        String id = "msg-badsig-" + UUID.randomUUID();

        HttpResponse<String> r = post(sample("danh-gia").toString(), id, "not-the-secret", now());

        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(store.findByKey(CallbackTranslator.SOURCE, id).isEmpty());
    }

    /** A callback without a signature is refused with 401 and nothing is stored. */
    @Test
    void shouldRefuseWith401WhenSignatureIsMissing() {
        String id = "msg-nosig-" + UUID.randomUUID();

        HttpResponse<String> r = post(sample("danh-gia").toString(), id, null, now());

        assertEquals(401, r.statusCode());
        assertTrue(store.findByKey(CallbackTranslator.SOURCE, id).isEmpty());
    }

    /** A correctly signed callback whose timestamp is more than 300 s old (or ahead) is refused with 401. */
    @Test
    void shouldRefuseWith401WhenTimestampIsOutsideTheWindow() {
        String old = "msg-old-" + UUID.randomUUID();
        String ahead = "msg-ahead-" + UUID.randomUUID();

        assertEquals(401, post(sample("danh-gia").toString(), old, SECRET, now() - 301).statusCode());
        assertEquals(401, post(sample("danh-gia").toString(), ahead, SECRET, now() + 301).statusCode());

        assertTrue(store.findByKey(CallbackTranslator.SOURCE, old).isEmpty());
        assertTrue(store.findByKey(CallbackTranslator.SOURCE, ahead).isEmpty());
        assertEquals(200, post(sample("danh-gia").toString(), "msg-fresh-" + UUID.randomUUID(), SECRET, now() - 250).statusCode());
    }

    /** During a rotation a callback signed with the previous secret is still accepted. */
    @Test
    void shouldAcceptWhenSignedWithPreviousSecretDuringRotation() {
        String id = "msg-rotated-" + UUID.randomUUID();

        HttpResponse<String> r = post(sample("rut-hoso").toString(), id, OLD_SECRET, now());

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(store.findByKey(CallbackTranslator.SOURCE, id).isPresent());
    }

    /** Malformed JSON, an unknown kind and invalid fields are answered 400 problem+json and nothing is stored. */
    @Test
    void shouldRefuseWith400WhenCallbackIsInvalid() throws Exception {
        JsonNode unknownKind = sample("danh-gia").put("LoaiThongBao", "KHONG_CO");
        JsonNode badAmount = sample("thanh-toan");
        ((com.fasterxml.jackson.databind.node.ObjectNode) badAmount.get("DuLieu")).put("SoTien", -5);
        JsonNode textAmount = sample("thanh-toan");
        ((com.fasterxml.jackson.databind.node.ObjectNode) textAmount.get("DuLieu")).put("SoTien", "150.000 đồng");
        JsonNode badRating = sample("danh-gia");
        ((com.fasterxml.jackson.databind.node.ObjectNode) badRating.get("DuLieu")).put("DiemDanhGia", 6);
        JsonNode badDossier = sample("rut-hoso");
        ((com.fasterxml.jackson.databind.node.ObjectNode) badDossier.get("DuLieu")).put("MaHoSo", "HS-1");
        JsonNode badPersonalId = sample("hoso-moi");
        ((com.fasterxml.jackson.databind.node.ObjectNode) badPersonalId.get("DuLieu").get("ChuHoSo")).put("SoDinhDanh", "999085754323");
        JsonNode missingReason = sample("rut-hoso");
        ((com.fasterxml.jackson.databind.node.ObjectNode) missingReason.get("DuLieu")).remove("LyDo");

        for (String body : List.of("{\"LoaiThongBao\": ", unknownKind.toString(), badAmount.toString(), textAmount.toString(),
                badRating.toString(), badDossier.toString(), badPersonalId.toString(), missingReason.toString())) {
            String id = "msg-invalid-" + UUID.randomUUID();
            HttpResponse<String> r = post(body, id, SECRET, now());
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(JSON.readTree(r.body()).path("errors").isArray(), r.body());
            assertTrue(store.findByKey(CallbackTranslator.SOURCE, id).isEmpty());
        }
    }

    /** A payment result whose MaXacThuc does not match its fields is refused with 400 and nothing is stored. */
    @Test
    void shouldRefuseWith400WhenPaymentCodeDoesNotMatch() throws Exception {
        JsonNode forged = sample("thanh-toan");
        ((com.fasterxml.jackson.databind.node.ObjectNode) forged.get("DuLieu")).put("SoTien", 1);
        String id = "msg-forged-" + UUID.randomUUID();

        HttpResponse<String> r = post(forged, id);

        assertEquals(400, r.statusCode(), r.body());
        assertEquals("payment.code", JSON.readTree(r.body()).path("errors").get(0).path("rule").asText());
        assertTrue(store.findByKey(CallbackTranslator.SOURCE, id).isEmpty());
    }

    /** A body over its path's gateway.http.max-body-per-path is answered 413 and nothing is stored. */
    @Test
    void shouldRefuseWith413WhenBodyIsTooLarge() {
        JsonNode big = sample("danh-gia");
        ((com.fasterxml.jackson.databind.node.ObjectNode) big.get("DuLieu")).put("NoiDung", "x".repeat(20000));
        String id = "msg-big-" + UUID.randomUUID();

        HttpResponse<String> r = post(big, id);

        assertEquals(413, r.statusCode());
        assertTrue(store.findByKey(CallbackTranslator.SOURCE, id).isEmpty());
    }
}
