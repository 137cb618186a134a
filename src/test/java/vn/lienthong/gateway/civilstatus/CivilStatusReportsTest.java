package vn.lienthong.gateway.civilstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.sandbox.CivilStatusSamples;

/** Progress reports of the one-stop system back to the service, and the portal's push of dossiers with files inline. */
class CivilStatusReportsTest extends CivilStatusTestSupport {

    private String takeIn(int n) {
        CivilStatusSamples.Dossier d = CivilStatusSamples.sized(n, 1, 60_000);
        SERVICE.add(d);
        poller.pollWithLock();
        await("taken in", () -> SERVICE.acknowledgedCodes().contains(d.code()));
        return d.code();
    }

    private ObjectNode report(String eventId, String code, String status) {
        ObjectNode r = JSON.createObjectNode().put("eventId", eventId).put("portalCode", code)
                .put("oneStopCode", "000.12.12.H47-261124-0001").put("status", status).put("occurredAt", "2026-11-24T09:15:00+07:00");
        return r;
    }

    private HttpResponse<String> send(ObjectNode r) {
        return post("/api/v1/civil-status/statuses", READER_KEY, "application/json", r.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reports reach the service in order with its codes and dd/MM/yyyy HH:mm:ss dates; a result carries its certificate in ketQuaXuLy. */
    @Test
    void shouldSendReportsInOrderWithServiceCodesWhenReported() throws Exception {
        String code = takeIn(301);
        byte[] certificate = CivilStatusSamples.pdf(40_000, 9);
        assertThat(send(report("r1", code, "RECEIVED").put("startedAt", "2026-11-24T09:15:00+07:00")
                .put("dueAt", "2026-11-26T17:00:00+07:00")).statusCode()).isEqualTo(202);
        assertThat(send(report("r2", code, "ACCEPTED").put("officer", "Cán bộ một cửa")).statusCode()).isEqualTo(202);
        ObjectNode result = report("r3", code, "RESULT");
        result.putObject("result").put("registrationNumber", "123/2026").put("book", "01").put("page", "45")
                .put("certificate", Base64.getEncoder().encodeToString(certificate));
        assertThat(send(result).statusCode()).isEqualTo(202);
        assertThat(send(report("r4", code, "HANDED_OVER")).statusCode()).isEqualTo(202);
        assertThat(send(report("r4", code, "HANDED_OVER")).statusCode()).isEqualTo(200);
        assertThat(send(report("r4", code, "REFUSED").put("note", "x")).statusCode()).isEqualTo(409);
        await("four reports at the service", () -> SERVICE.statuses(code).size() == 4);
        List<JsonNode> got = SERVICE.statuses(code);
        assertThat(got).extracting(j -> j.get("trangThai").asInt()).containsExactly(1, 3, 4, 5);
        assertThat(got.get(0).get("thoiGianThucHien").asText()).isEqualTo("24/11/2026 09:15:00");
        assertThat(got.get(0).get("ngayKetThucTheoQuyDinh").asText()).isEqualTo("26/11/2026 17:00:00");
        assertThat(got.get(0).get("soHoSoLT").asText()).isEqualTo(code);
        JsonNode k = JSON.readTree(got.get(2).get("ketQuaXuLy").asText());
        assertThat(k.get("soDangKy").asText()).isEqualTo("123/2026");
        String field = k.has("giayKhaiSinh") ? "giayKhaiSinh" : "giayKhaiTu";
        assertThat(Base64.getDecoder().decode(k.get(field).asText())).isEqualTo(certificate);
        assertThat(k.get("maGiayToKetQua").asText()).startsWith("KQ.G15.");
    }

    /** A report with a broken field is a 400 problem naming field and rule; an unknown status or dossier a 422; nothing is stored. */
    @Test
    void shouldRefuseReportWithProblemWhenFieldBroken() throws Exception {
        String code = takeIn(302);
        HttpResponse<String> missing = send(report("b1", code, "RECEIVED"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(missing.body()).get("errors").findValuesAsText("rule")).contains("startedAt.required", "dueAt.required");
        HttpResponse<String> badDate = send(report("b2", code, "ACCEPTED").put("occurredAt", "24/11/2026"));
        assertThat(JSON.readTree(badDate.body()).get("errors").findValuesAsText("rule")).containsExactly("occurredAt.format");
        assertThat(send(report("b3", code, "DONE")).statusCode()).isEqualTo(422);
        assertThat(send(report("b4", "G22.99.10-261124-9999", "ACCEPTED")).statusCode()).isEqualTo(422);
        ObjectNode badCert = report("b5", code, "RESULT");
        badCert.putObject("result").put("registrationNumber", "1").put("certificate", "@@not base64@@");
        assertThat(JSON.readTree(send(badCert).body()).get("errors").findValuesAsText("rule")).containsExactly("certificate.base64");
        assertThat(events(StatusDestination.NAME, code)).isEmpty();
    }

    /** A pushed dossier's inline files are stored and linked, the dossier forwarded once; a repeat answers error_code 1. */
    @Test
    void shouldStoreAndForwardPushedDossierWhenFilesInline() throws Exception {
        byte[] form = CivilStatusSamples.pdf(200_000, 3);
        byte[] annex = CivilStatusSamples.pdf(150_000, 4);
        ObjectNode body = JSON.createObjectNode().put("MaHoSo", "G22.99.40-261124-7001").put("MaTTHC", "2.000002")
                .put("MaSoThue", "0100109106").put("TenThuongNhan", "Công ty TNHH Mẫu").put("NgayNopHoSo", "20261124091500")
                .put("TenTepDonDangKy", "don-dang-ky.pdf").put("TepDonDangKy", Base64.getEncoder().encodeToString(form));
        body.putArray("TaiLieuNop").addObject().put("TenTepDinhKem", "phu-luc.pdf").put("Base64", Base64.getEncoder().encodeToString(annex));
        HttpResponse<String> first = post("/api/v1/portal/dossiers", PUSH_KEY, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("error_code").asInt()).isZero();
        HttpResponse<String> again = post("/api/v1/portal/dossiers", PUSH_KEY, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(JSON.readTree(again.body()).get("error_code").asInt()).isEqualTo(1);
        await("forwarded", () -> oneStopDossiers("G22.99.40-261124-7001").size() == 1);
        JsonNode sent = oneStopDossiers("G22.99.40-261124-7001").get(0);
        assertThat(sent.get("enterpriseCode").asText()).isEqualTo("0100109106");
        assertThat(sent.get("files")).hasSize(2);
        assertThat(sha256(get(local(sent.get("files").get(0).get("url").asText()), READER_KEY).body())).isEqualTo(sha256(form));
        assertThat(sha256(get(local(sent.get("files").get(1).get("url").asText()), READER_KEY).body())).isEqualTo(sha256(annex));
    }

    /** A pushed dossier with garbage Base64 or an unmapped procedure is a 4xx problem carrying error_code -1; an over-size body 413. */
    @Test
    void shouldRefusePushedDossierWithErrorCodeWhenBroken() throws Exception {
        ObjectNode garbage = JSON.createObjectNode().put("MaHoSo", "G22.99.40-261124-7002").put("MaTTHC", "2.000002")
                .put("MaSoThue", "0100109106").put("TenTepDonDangKy", "a.pdf").put("TepDonDangKy", "%%%garbage%%%");
        HttpResponse<String> r = post("/api/v1/portal/dossiers", PUSH_KEY, "application/json", garbage.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error_code").asInt()).isEqualTo(-1);
        ObjectNode unknown = JSON.createObjectNode().put("MaHoSo", "G22.99.40-261124-7003").put("MaTTHC", "9.999999").put("MaSoThue", "0100109106");
        assertThat(post("/api/v1/portal/dossiers", PUSH_KEY, "application/json", unknown.toString().getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(400);
        byte[] huge = ("{\"MaHoSo\":\"G22.99.40-261124-7004\",\"TepDonDangKy\":\"" + "A".repeat(7 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(post("/api/v1/portal/dossiers", PUSH_KEY, "application/json", huge).statusCode()).isEqualTo(413);
        assertThat(post("/api/v1/portal/dossiers", READER_KEY, "application/json", unknown.toString().getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(403);
        assertThat(oneStopDossiers("G22.99.40-261124-7002")).isEmpty();
    }
}
