package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.mapping.MappingLoader;
import vn.lienthong.gateway.sandbox.PortalRecordCheck;

/** The portal record and progress entry an event becomes, with the shipped mappings/ (no gateway running). */
class DossierRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DossierVocabulary SHIPPED = DossierVocabulary.from(MappingLoader.load("file:mappings/"));
    private final DossierEventValidator validator =
            new DossierEventValidator(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    private final DossierEventTranslator translator = new DossierEventTranslator();

    private static ObjectNode event(String status) {
        ObjectNode e = JSON.createObjectNode().put("eventId", "e-1").put("dossierCode", "000.00.12.H47-241124-0001")
                .put("procedureCode", "1.001612").put("agencyCode", "000.00.12.H47").put("status", status)
                .put("occurredAt", "2026-11-25T10:00:00+07:00");
        return e;
    }

    private JsonNode payload(JsonNode event, DossierVocabulary vocab) throws IOException {
        assertThat(validator.validate(event, vocab)).isEmpty();
        return JSON.readTree(translator.translate(event, vocab, "test", true).payload());
    }

    private static List<JsonNode> scalars(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n.isContainerNode()) {
            n.forEach(c -> out.addAll(scalars(c)));
        } else {
            out.add(n);
        }
        return out;
    }

    /** An event with nothing but its required fields gives every field of the production record, each scalar a string, the rest empty. */
    @Test
    void shouldSendEveryFieldAsTextWhenEventIsMinimal() throws IOException {
        JsonNode record = payload(event("RECEIVED"), SHIPPED).get("record");
        assertThat(record.propertyStream().map(java.util.Map.Entry::getKey)).containsExactlyInAnyOrderElementsOf(PortalRecordCheck.RECORD_FIELDS);
        assertThat(scalars(record)).allMatch(JsonNode::isTextual);
        assertThat(record.get("TrangThaiHoSo").asText()).isEqualTo("2");
        assertThat(record.get("KenhThucHien").asText()).as("in person unless told otherwise").isEqualTo("1");
        for (String notGiven : List.of("LoaiDoiTuong", "MaDoiTuong", "SoGiayToChuHoSo", "HoSoCoThanhPhanSoHoa",
                "DuocThanhToanTrucTuyen", "TaiKhoanDuocXacThucVoiVNeID", "NoiNopHoSo", "HinhThuc", "NgayNopHoSo", "NgayTuChoi")) {
            assertThat(record.get(notGiven).asText()).as(notGiven + " is not invented").isEmpty();
        }
        assertThat(record.get("DinhDanhCHS")).as("no placeholder identity").isEmpty();
        assertThat(record.get("DanhSachGiayToKetQua")).as("no submitted document passed off as a result").isEmpty();
        assertThat(payload(event("RECEIVED"), SHIPPED).get("progress").isNull()).isTrue();
    }

    /** An enterprise applicant's tax code is the owner's document number, never MaDoiTuong, the portal account id. */
    @Test
    void shouldKeepTaxCodeOutOfPortalAccountWhenApplicantIsEnterprise() throws IOException {
        ObjectNode e = event("RECEIVED");
        e.putObject("applicant").put("type", "ENTERPRISE").put("name", "Công ty TNHH Sông Thu").put("enterpriseCode", "0100109106");
        JsonNode record = payload(e, SHIPPED).get("record");
        assertThat(record.get("SoGiayToChuHoSo").asText()).isEqualTo("0100109106");
        assertThat(record.get("MaDoiTuong").asText()).isEmpty();
        assertThat(record.get("LoaiDoiTuong").asText()).isEqualTo("2");
        ((ObjectNode) e.get("applicant")).put("portalAccountId", "tech-42");
        assertThat(payload(e, SHIPPED).get("record").get("MaDoiTuong").asText()).isEqualTo("tech-42");
    }

    /** An older event's paidOnline is read as the online-payment code: true 1, false 0. */
    @Test
    void shouldReadPaidOnlineAsCodeWhenOlderEventSent() throws IOException {
        assertThat(payload(event("FINISHED").put("paidOnline", true), SHIPPED).get("record")
                .get("DuocThanhToanTrucTuyen").asText()).isEqualTo("1");
        assertThat(payload(event("FINISHED").put("paidOnline", false), SHIPPED).get("record")
                .get("DuocThanhToanTrucTuyen").asText()).isEqualTo("0");
        assertThat(payload(event("FINISHED").put("onlinePayment", "OWN_GATEWAY"), SHIPPED).get("record")
                .get("DuocThanhToanTrucTuyen").asText()).isEqualTo("2");
    }

    /** A summary over the portal's 1,000 characters is cut there, its end replaced by the marker. */
    @Test
    void shouldCutSummaryWithMarkerWhenOverPortalLimit() throws IOException {
        String summary = "Xin cấp phép ".repeat(120);
        JsonNode record = payload(event("RECEIVED").put("summary", summary), SHIPPED).get("record");
        String sent = record.get("TrichYeuHoSo").asText();
        assertThat(sent).hasSize(1000).endsWith("...").startsWith(summary.substring(0, 997));
        assertThat(payload(event("RECEIVED").put("summary", "x".repeat(1000)), SHIPPED).get("record")
                .get("TrichYeuHoSo").asText()).isEqualTo("x".repeat(1000));
    }

    /** An officer's name over the portal's 50 characters refuses the event, naming the field, the limit and the portal field. */
    @Test
    void shouldRefuseWhenOfficerOverPortalLimit() {
        ObjectNode e = event("PROCESSING");
        e.putObject("step").put("officer", "Nguyễn Thị Phương Thảo - Phó Trưởng phòng Quản lý đô thị")
                .put("content", "Thẩm định").put("startedAt", "2026-11-25T10:00:00+07:00");
        List<Violation> v = validator.validate(e, SHIPPED);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("step.officer");
            assertThat(x.rule()).isEqualTo("length.portal-max");
            assertThat(x.message()).contains("50").contains("NguoiXuLy");
        });
    }

    /**
     * A supplement request and its completion each put an entry in the progress timeline, with their own status
     * (5, then processing again), even without a step; the record lists the request with both dates.
     */
    @Test
    void shouldPutSupplementRequestAndCompletionInTimelineWhenNoStepGiven() throws IOException {
        ObjectNode requested = event("SUPPLEMENT_REQUESTED");
        requested.putArray("supplements").addObject().put("id", "BS-1").put("requestedAt", "2026-11-25T10:00:00+07:00")
                .put("reason", "Bổ sung bản vẽ mặt cắt");
        JsonNode first = payload(requested, SHIPPED);
        assertThat(first.get("progress").toString()).isEqualTo("{\"MaHoSo\":\"000.00.12.H47-241124-0001\",\"NguoiXuLy\":\"\","
                + "\"ChucDanh\":\"\",\"ThoiDiemXuLy\":\"20261125100000\",\"PhongBanXuLy\":\"\",\"NoiDungXuLy\":\"Bổ sung bản vẽ mặt cắt\","
                + "\"TrangThai\":\"5\",\"NgayBatDau\":\"20261125100000\",\"NgayKetThucTheoQuyDinh\":\"\"}");
        assertThat(first.get("record").get("TrangThaiHoSo").asText()).isEqualTo("5");
        assertThat(first.get("record").get("DanhSachHoSoBoSung").get(0).get("TrangThaiBoSung").asText()).isEqualTo("0");

        ObjectNode completed = event("SUPPLEMENT_RECEIVED").put("occurredAt", "2026-11-26T15:30:00+07:00");
        completed.putArray("supplements").addObject().put("id", "BS-1").put("requestedAt", "2026-11-25T10:00:00+07:00")
                .put("reason", "Bổ sung bản vẽ mặt cắt").put("completedAt", "2026-11-26T15:30:00+07:00");
        JsonNode second = payload(completed, SHIPPED);
        assertThat(second.get("progress").get("TrangThai").asText()).isEqualTo("4");
        assertThat(second.get("progress").get("ThoiDiemXuLy").asText()).isEqualTo("20261126153000");
        assertThat(second.get("record").get("DanhSachHoSoBoSung").toString()).isEqualTo("[{\"HoSoBoSungId\":\"BS-1\","
                + "\"NgayYeuCauBoSung\":\"20261125100000\",\"NoiDungBoSung\":\"Bổ sung bản vẽ mặt cắt\",\"NgayBoSung\":\"20261126153000\","
                + "\"TrangThaiBoSung\":\"1\"}]");
        assertThat(payload(event("PROCESSING"), SHIPPED).get("progress").isNull()).as("other words: steps only").isTrue();
    }

    /** Fee requested, stopped: each keeps its own code in the record and the timeline, never folded into 9. */
    @Test
    void shouldKeepOwnCodeWhenStatusIsFeeRequestedOrStopped() throws IOException {
        for (String[] c : new String[][] {{"FEE_REQUESTED", "6"}, {"STOPPED", "8"}, {"SUPPLEMENT_REQUESTED", "5"}}) {
            ObjectNode e = event(c[0]);
            e.putObject("step").put("officer", "Lê Thị Bình").put("content", "…").put("startedAt", "2026-11-25T10:00:00+07:00");
            JsonNode p = payload(e, SHIPPED);
            assertThat(p.get("record").get("TrangThaiHoSo").asText()).isEqualTo(c[1]);
            assertThat(p.get("progress").get("TrangThai").asText()).isEqualTo(c[1]);
        }
    }
}
