package vn.lienthong.gateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortalSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYNC = PortalSimulator.SYNC_DOSSIER;
    private static final String PROGRESS = PortalSimulator.UPDATE_PROGRESS;

    private static PortalSimulator portal;
    private static HttpClient http;

    @BeforeAll
    static void startPortal() {
        portal = new PortalSimulator(0, "gw", "secret").start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopPortal() {
        portal.close();
    }

    @BeforeEach
    void resetPortal() {
        portal.reset();
        portal.setSeed(PortalSimulator.DEFAULT_SEED);
    }

    /** A fresh dossier created after login is applied and becomes the latest state. */
    @Test
    void shouldApplyRecordWhenCreatingNewDossier() throws Exception {
        String session = login();
        JsonNode answer = integrate(session, SYNC, "False", dossier("HS-1", 1));

        assertEquals(0, answer.path("error_code").asInt());
        assertEquals("HS-1", answer.path("result").get(0).path("MaHoSo").asText());
        assertEquals(0, answer.path("result").get(0).path("error_code").asInt());
        assertEquals(1, portal.appliedRecords().size());
        assertEquals(1, portal.dossiers().get("HS-1").path("TrangThaiHoSo").asInt());
        assertEquals(1, portal.loginCount());
        ReceivedCall call = portal.calls().get(0);
        assertEquals(SYNC, call.service());
        assertEquals("False", call.isUpdating());
        assertEquals("000.00.00.H01", call.madonvi());
        assertEquals("DST-TEST", call.dstcode());
        assertEquals(200, call.httpStatus());
    }

    /** A simulator told to keep two of everything forgets the oldest first, and still counts all it applied. */
    @Test
    void shouldForgetOldestButCountAllWhenKeepingTwo() throws Exception {
        PortalSimulator shared = portal;
        portal = new PortalSimulator(0, "gw", "secret", 2).start();
        try {
            String session = login();
            integrate(session, SYNC, "False", dossier("HS-1", 1), dossier("HS-2", 1), dossier("HS-3", 1));

            assertEquals(List.of("HS-2", "HS-3"), portal.appliedRecords().stream().map(r -> r.path("MaHoSo").asText()).toList());
            assertEquals(List.of("HS-2", "HS-3"), List.copyOf(portal.dossiers().keySet()));
            assertEquals(3, portal.appliedCounts()[0]);
            assertEquals(0, portal.appliedCounts()[1]);
        } finally {
            portal.close();
            portal = shared;
        }
    }

    /** Creating a dossier that already exists answers per-record 3 and changes nothing. */
    @Test
    void shouldAnswerCode3WhenCreatingExistingDossier() throws Exception {
        String session = login();
        integrate(session, SYNC, "False", dossier("HS-1", 1));
        JsonNode answer = integrate(session, SYNC, "False", dossier("HS-1", 2));

        assertEquals(3, answer.path("result").get(0).path("error_code").asInt());
        assertEquals("đã tồn tại", answer.path("result").get(0).path("message").asText());
        assertEquals(1, portal.appliedRecords("HS-1").size());
        assertEquals(1, portal.dossiers().get("HS-1").path("TrangThaiHoSo").asInt());
    }

    /** An update for an unknown dossier creates it. */
    @Test
    void shouldCreateDossierWhenUpdatingUnknownDossier() throws Exception {
        JsonNode answer = integrate(login(), SYNC, "True", dossier("HS-NEW", 2));

        assertEquals(0, answer.path("result").get(0).path("error_code").asInt());
        assertTrue(portal.dossiers().containsKey("HS-NEW"));
    }

    /** Moving a finished dossier (10) back to an in-progress status (4) answers 13 and keeps the old state. */
    @Test
    void shouldAnswerCode13WhenStatusRegressesFromFinished() throws Exception {
        String session = login();
        integrate(session, SYNC, "False", dossier("HS-1", 10));
        JsonNode answer = integrate(session, SYNC, "True", dossier("HS-1", 4));

        assertEquals(13, answer.path("result").get(0).path("error_code").asInt());
        assertEquals(10, portal.dossiers().get("HS-1").path("TrangThaiHoSo").asInt());
        assertEquals(1, portal.appliedRecords().size());
    }

    /** Progress entries are appended, so the same entry sent twice is stored twice. */
    @Test
    void shouldAppendProgressTwiceWhenSentTwice() throws Exception {
        String session = login();
        ObjectNode entry = JSON.createObjectNode().put("MaHoSo", "HS-1").put("NoiDungXuLy", "Tiếp nhận").put("TrangThai", "2");
        integrate(session, PROGRESS, "False", entry);
        JsonNode answer = integrate(session, PROGRESS, "False", entry);

        assertEquals(0, answer.path("result").get(0).path("error_code").asInt());
        assertEquals(2, portal.progress("HS-1").size());
        assertEquals(2, portal.allProgress().size());
        assertEquals("Tiếp nhận", portal.progress("HS-1").get(1).path("NoiDungXuLy").asText());
    }

    /** Records without MaHoSo, with a status that is not a portal status, or repeating a MaHoSo in the same call answer 14. */
    @Test
    void shouldAnswerCode14WhenRecordInvalidOrDuplicated() throws Exception {
        ObjectNode noCode = JSON.createObjectNode().put("TrangThaiHoSo", 1);
        ObjectNode textStatus = JSON.createObjectNode().put("MaHoSo", "HS-2").put("TrangThaiHoSo", "abc");
        JsonNode answer = integrate(login(), SYNC, "False", dossier("HS-1", 1), dossier("HS-1", 2), noCode, textStatus);

        JsonNode results = answer.path("result");
        assertEquals(4, results.size());
        assertEquals(List.of(0, 14, 14, 14), codes(results));
        assertEquals(1, portal.appliedRecords().size());
    }

    /** A record with a number or a boolean where the portal takes a string is malformed (14), the others of the call apply. */
    @Test
    void shouldAnswer14PerRecordWhenScalarIsNumberOrBoolean() throws Exception {
        ObjectNode number = dossier("HS-2", 4).put("KenhThucHien", 2);
        ObjectNode bool = dossier("HS-3", 4).put("HoSoCoThanhPhanSoHoa", true);
        ObjectNode nested = dossier("HS-4", 4);
        nested.putArray("TaiLieuNop").addObject().put("TenTepDinhKem", "don.pdf").put("DuocSoHoa", 1);

        JsonNode results = integrate(login(), SYNC, "False", dossier("HS-1", 2), number, bool, nested).path("result");

        assertEquals(List.of(0, 14, 14, 14), codes(results));
        assertTrue(results.get(1).path("message").asText().contains("KenhThucHien"), results.toString());
        assertTrue(results.get(3).path("message").asText().contains("TaiLieuNop[0].DuocSoHoa"), results.toString());
        assertEquals(List.of("HS-1"), List.copyOf(portal.dossiers().keySet()));
    }

    /** Text over the production clients' limits, a field no client sends, a bad date or code is malformed (14). */
    @Test
    void shouldAnswer14WhenTextOverLimitOrFieldUnknownOrValueOutOfList() throws Exception {
        ObjectNode atLimit = dossier("HS-1", 2).put("TrichYeuHoSo", "x".repeat(1000));
        ObjectNode overLimit = dossier("HS-2", 2).put("TrichYeuHoSo", "x".repeat(1001));
        ObjectNode unknown = dossier("HS-3", 2).put("TrangThaiMoi", "1");
        ObjectNode badDate = dossier("HS-4", 2).put("NgayTiepNhan", "2026-11-24");
        ObjectNode badCode = dossier("HS-5", 2).put("DuocThanhToanTrucTuyen", "3");
        assertEquals(List.of(0, 14, 14, 14, 14), codes(integrate(login(), SYNC, "False", atLimit, overLimit, unknown, badDate, badCode)
                .path("result")));
        ObjectNode officer = progressEntry("HS-1").put("NguoiXuLy", "x".repeat(51));
        assertEquals(List.of(14), codes(integrate(login(), PROGRESS, null, officer).path("result")));
    }

    /** The lists of a record are lists of objects of their own fields: DSKetNoiCSDL holds MaCSDL strings. */
    @Test
    void shouldAnswer14WhenListMalformed() throws Exception {
        ObjectNode good = dossier("HS-1", 2);
        good.putArray("DSKetNoiCSDL").addObject().put("MaCSDL", "7");
        ObjectNode notList = dossier("HS-2", 2);
        notList.putObject("DSKetNoiCSDL").put("MaCSDL", "7");
        ObjectNode numberCode = dossier("HS-3", 2);
        numberCode.putArray("DSKetNoiCSDL").addObject().put("MaCSDL", 7);
        ObjectNode emptyCode = dossier("HS-4", 2);
        emptyCode.putArray("DSKetNoiCSDL").addObject().put("MaCSDL", "");
        ObjectNode strayItemField = dossier("HS-5", 2);
        strayItemField.putArray("DanhSachHoSoBoSung").addObject().put("NgayYeuCauBoSung", "20261125100000").put("Lydo", "x");
        assertEquals(List.of(0, 14, 14, 14, 14), codes(integrate(login(), SYNC, "False", good, notList, numberCode, emptyCode,
                strayItemField).path("result")));
    }

    /** LayDanhSachHoSo answers the waiting items in result, the portal's usual answer shape. */
    @Test
    void shouldOfferWaitingItemsInResultWhenPolled() throws Exception {
        ObjectNode item = JSON.createObjectNode().put("LoaiThongBao", "DANH_GIA");
        item.putObject("DuLieu").put("MaHoSo", "HS-1").put("DiemDanhGia", "5");
        portal.enqueueItem(item);
        JsonNode answer = JSON.readTree(post("/integration", JSON.createObjectNode().put("session", login())
                .put("madonvi", "000.00.00.H01").put("service", PortalSimulator.LIST_ITEMS).toString(), true).body());
        assertEquals(0, answer.path("error_code").asInt());
        assertEquals(1, answer.path("result").size());
        assertEquals(item, answer.path("result").get(0));
    }

    /** Wrong credentials answer error 1 and issue no session. */
    @Test
    void shouldAnswerCode1WhenCredentialsWrong() throws Exception {
        HttpResponse<String> response = post("/auth", "{\"username\":\"gw\",\"password\":\"nope\"}", true);

        assertEquals(200, response.statusCode());
        assertEquals(1, JSON.readTree(response.body()).path("error_code").asInt());
        assertEquals(0, portal.loginCount());
    }

    /** A request without the dstcode header is refused with HTTP 400 and error 14. */
    @Test
    void shouldAnswer400WhenDstcodeMissing() throws Exception {
        HttpResponse<String> response = post("/auth", "{\"username\":\"gw\",\"password\":\"secret\"}", false);

        assertEquals(400, response.statusCode());
        assertEquals(14, JSON.readTree(response.body()).path("error_code").asInt());
    }

    /** An unknown session answers -2 and applies nothing. */
    @Test
    void shouldAnswerMinus2WhenSessionUnknown() throws Exception {
        JsonNode answer = integrate("not-a-session", SYNC, "False", dossier("HS-1", 1));

        assertEquals(-2, answer.path("error_code").asInt());
        assertTrue(portal.appliedRecords().isEmpty());
        assertEquals(1, portal.calls().size());
    }

    /** An unknown service answers 14. */
    @Test
    void shouldAnswerCode14WhenServiceUnknown() throws Exception {
        JsonNode answer = integrate(login(), "KhongCo", "False", dossier("HS-1", 1));

        assertEquals(14, answer.path("error_code").asInt());
    }

    /** More than 100 records in one call is refused with HTTP 413. */
    @Test
    void shouldAnswer413When101Records() throws Exception {
        ObjectNode[] records = new ObjectNode[101];
        for (int i = 0; i < records.length; i++) records[i] = dossier("HS-" + i, 1);
        HttpResponse<String> response = post("/integration", envelope(login(), SYNC, "False", records), true);

        assertEquals(413, response.statusCode());
        assertTrue(portal.appliedRecords().isEmpty());
    }

    /** A DOWN fault resets the connection, is recorded with status 0, and stops after its budget. */
    @Test
    void shouldThrowIOExceptionWhenPortalDown() throws Exception {
        String session = login();
        portal.addFault(PortalFault.down(1));

        assertThrows(IOException.class, () -> integrate(session, SYNC, "False", dossier("HS-1", 1)));
        assertEquals(0, portal.calls().get(0).httpStatus());
        assertNull(portal.calls().get(0).answer());
        assertTrue(portal.appliedRecords().isEmpty());
        assertEquals(0, integrate(session, SYNC, "False", dossier("HS-1", 1)).path("result").get(0).path("error_code").asInt());
    }

    /** A RATE_LIMITED fault answers 429 with Retry-After. */
    @Test
    void shouldAnswer429WithRetryAfterWhenRateLimited() throws Exception {
        String session = login();
        portal.addFault(PortalFault.rateLimited(7, 1));
        HttpResponse<String> response = post("/integration", envelope(session, SYNC, "False", dossier("HS-1", 1)), true);

        assertEquals(429, response.statusCode());
        assertEquals("7", response.headers().firstValue("Retry-After").orElse(null));
        assertTrue(portal.appliedRecords().isEmpty());
    }

    /** An HTTP_ERROR fault answers its status and applies nothing. */
    @Test
    void shouldAnswerConfiguredStatusWhenHttpErrorFault() throws Exception {
        String session = login();
        portal.addFault(PortalFault.httpError(502, 1));
        HttpResponse<String> response = post("/integration", envelope(session, SYNC, "False", dossier("HS-1", 1)), true);

        assertEquals(502, response.statusCode());
        assertEquals(502, portal.calls().get(0).httpStatus());
        assertTrue(portal.appliedRecords().isEmpty());
    }

    /** A BUSY fault answers error 99 with HTTP 200 and applies nothing. */
    @Test
    void shouldAnswerCode99WhenBusy() throws Exception {
        String session = login();
        portal.addFault(PortalFault.busy(1));

        assertEquals(99, integrate(session, SYNC, "False", dossier("HS-1", 1)).path("error_code").asInt());
        assertTrue(portal.appliedRecords().isEmpty());
    }

    /** A SESSION_EXPIRED fault kills every session, so the old one keeps answering -2 until a new login. */
    @Test
    void shouldRequireReloginWhenSessionExpired() throws Exception {
        String session = login();
        portal.addFault(PortalFault.sessionExpired(1));

        assertEquals(-2, integrate(session, SYNC, "False", dossier("HS-1", 1)).path("error_code").asInt());
        assertEquals(-2, integrate(session, SYNC, "False", dossier("HS-1", 1)).path("error_code").asInt());
        JsonNode answer = integrate(login(), SYNC, "False", dossier("HS-1", 1));
        assertEquals(0, answer.path("result").get(0).path("error_code").asInt());
        assertEquals(2, portal.loginCount());
    }

    /** An EXISTS fault answers -3 for the targeted record of a create call while others are applied. */
    @Test
    void shouldAnswerMinus3ForTargetedRecordWhenExistsFault() throws Exception {
        String session = login();
        portal.addFault(PortalFault.exists("HS-2"));
        JsonNode answer = integrate(session, SYNC, "False", dossier("HS-1", 1), dossier("HS-2", 1));

        assertEquals(List.of(0, -3), codes(answer.path("result")));
        assertEquals("đã tồn tại", answer.path("result").get(1).path("message").asText());
        assertEquals(List.of("HS-1"), List.copyOf(portal.dossiers().keySet()));
    }

    /** A REJECT fault gives the targeted record its error code while others are applied. */
    @Test
    void shouldAnswerCode12ForTargetedRecordWhenRejectFault() throws Exception {
        String session = login();
        portal.addFault(PortalFault.reject("HS-1", 12));
        JsonNode answer = integrate(session, SYNC, "False", dossier("HS-1", 1), dossier("HS-2", 1));

        assertEquals(List.of(12, 0), codes(answer.path("result")));
        assertEquals(List.of("HS-2"), List.copyOf(portal.dossiers().keySet()));
    }

    /** REJECT and EXISTS rules for different dossiers each hit their own record when the records share one call. */
    @Test
    void shouldApplyEveryDossiersRecordFaultWhenTheirRecordsShareOneCall() throws Exception {
        String session = login();
        portal.addFault(PortalFault.reject("HS-1", 14));
        portal.addFault(PortalFault.reject("HS-2", 11));
        portal.addFault(PortalFault.exists("HS-3"));
        JsonNode answer = integrate(session, SYNC, "False", dossier("HS-1", 1), dossier("HS-2", 1), dossier("HS-3", 1),
                dossier("HS-4", 1));

        assertEquals(List.of(14, 11, -3, 0), codes(answer.path("result")));
        assertEquals(List.of("HS-4"), List.copyOf(portal.dossiers().keySet()));
    }

    /** A SLOW fault delays the answer but still applies the records. */
    @Test
    void shouldDelayAnswerWhenSlow() throws Exception {
        String session = login();
        portal.addFault(PortalFault.slow(400, 1));
        long start = System.nanoTime();
        JsonNode answer = integrate(session, SYNC, "False", dossier("HS-1", 1));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMillis >= 400, "took " + elapsedMillis + " ms");
        assertEquals(0, answer.path("result").get(0).path("error_code").asInt());
        assertEquals(1, portal.appliedRecords().size());
    }

    /** A rule with probability 0.3 fires on roughly 30 % of 200 calls. */
    @Test
    void shouldFireRoughlyThirtyPercentWhenProbabilityIsPointThree() throws Exception {
        String session = login();
        portal.addFault(PortalFault.busy(-1).withProbability(0.3));
        int busy = 0;
        for (int i = 0; i < 200; i++) {
            if (integrate(session, PROGRESS, "False", progressEntry("HS-1")).path("error_code").asInt() == 99) busy++;
        }

        assertTrue(busy >= 40 && busy <= 80, "fired " + busy + " times");
        assertEquals(200 - busy, portal.progress("HS-1").size());
    }

    /** Rules filtered by service or dossier ignore calls that do not match them. */
    @Test
    void shouldIgnoreFaultWhenFiltersDoNotMatch() throws Exception {
        String session = login();
        portal.addFault(PortalFault.busy(-1).forService(PROGRESS));
        portal.addFault(PortalFault.busy(-1).forDossier("HS-9"));

        assertEquals(0, integrate(session, SYNC, "False", dossier("HS-1", 1)).path("error_code").asInt());
        assertEquals(99, integrate(session, PROGRESS, "False", progressEntry("HS-1")).path("error_code").asInt());
        assertEquals(99, integrate(session, SYNC, "False", dossier("HS-9", 1)).path("error_code").asInt());
    }

    /** Concurrent calls from many threads are all recorded and applied. */
    @Test
    void shouldApplyEveryRecordWhenCalledConcurrently() throws Exception {
        String session = login();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                answers.add(pool.submit(() -> integrate(session, SYNC, "False", dossier("HS-" + n, 1))));
            }
            for (Future<JsonNode> answer : answers) assertEquals(0, answer.get().path("result").get(0).path("error_code").asInt());
        } finally {
            pool.shutdown();
        }
        assertEquals(200, portal.calls().size());
        assertEquals(200, portal.dossiers().size());
    }

    /** The HTTP control endpoints add and clear faults, report state and dossiers, and reset everything. */
    @Test
    void shouldDriveSimulatorWhenUsingControlEndpoints() throws Exception {
        String session = login();
        integrate(session, SYNC, "False", dossier("HS-1", 1));
        integrate(session, PROGRESS, "False", progressEntry("HS-1"));

        HttpResponse<String> added = post("/__sim/faults", "{\"mode\":\"RATE_LIMITED\",\"times\":3,\"retryAfterSeconds\":2}", false);
        assertEquals(201, added.statusCode());
        JsonNode state = JSON.readTree(get("/__sim/state").body());
        assertEquals(1, state.path("logins").asInt());
        assertEquals(2, state.path("calls").asInt());
        assertEquals(1, state.path("appliedRecords").asInt());
        assertEquals(1, state.path("dossiers").asInt());
        assertEquals(1, state.path("progressEntries").asInt());
        JsonNode fault = state.path("faults").get(0);
        assertEquals("RATE_LIMITED", fault.path("mode").asText());
        assertEquals(3, fault.path("times").asInt());
        assertEquals(1.0, fault.path("probability").asDouble());
        assertEquals(503, fault.path("httpStatus").asInt());
        assertEquals(14, fault.path("recordErrorCode").asInt());
        assertEquals(429, post("/integration", envelope(session, SYNC, "True", dossier("HS-1", 2)), true).statusCode());
        assertEquals(2, JSON.readTree(get("/__sim/state").body()).path("faults").get(0).path("remaining").asInt());

        assertEquals(204, send("DELETE", "/__sim/faults", null).statusCode());
        JsonNode dossier = JSON.readTree(get("/__sim/dossiers/HS-1").body());
        assertEquals(1, dossier.path("latest").path("TrangThaiHoSo").asInt());
        assertEquals(1, dossier.path("applied").size());
        assertEquals(1, dossier.path("progress").size());
        assertEquals(404, get("/__sim/dossiers/HS-404").statusCode());
        assertEquals(400, post("/__sim/faults", "{\"mode\":\"NOPE\"}", false).statusCode());

        assertEquals(204, post("/__sim/expire-sessions", "", false).statusCode());
        assertEquals(-2, integrate(session, SYNC, "True", dossier("HS-1", 2)).path("error_code").asInt());
        assertEquals(204, post("/__sim/reset", "", false).statusCode());
        assertTrue(portal.calls().isEmpty());
        assertTrue(portal.dossiers().isEmpty());
        assertEquals(0, portal.loginCount());
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static String login() throws Exception {
        JsonNode answer = JSON.readTree(post("/auth", "{\"username\":\"gw\",\"password\":\"secret\"}", true).body());
        assertEquals(0, answer.path("error_code").asInt());
        return answer.path("session").asText();
    }

    private static JsonNode integrate(String session, String service, String isUpdating, ObjectNode... records) throws Exception {
        HttpResponse<String> response = post("/integration", envelope(session, service, isUpdating, records), true);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static String envelope(String session, String service, String isUpdating, ObjectNode... records) {
        ObjectNode body = JSON.createObjectNode().put("session", session).put("madonvi", "000.00.00.H01")
                .put("service", service).put("isUpdating", isUpdating);
        ArrayNode data = body.putArray("data");
        for (ObjectNode r : records) data.add(r);
        return body.toString();
    }

    private static ObjectNode dossier(String maHoSo, int status) {
        return JSON.createObjectNode().put("MaHoSo", maHoSo).put("TrangThaiHoSo", String.valueOf(status)).put("TenTTHC", "Cấp giấy phép");
    }

    private static ObjectNode progressEntry(String maHoSo) {
        return JSON.createObjectNode().put("MaHoSo", maHoSo).put("NoiDungXuLy", "Đang xử lý").put("TrangThai", "4");
    }

    private static List<Integer> codes(JsonNode results) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode r : results) out.add(r.path("error_code").asInt());
        return out;
    }

    private static HttpResponse<String> post(String path, String body, boolean withDstcode) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(portal.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withDstcode) b.header("dstcode", "DST-TEST");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(portal.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
