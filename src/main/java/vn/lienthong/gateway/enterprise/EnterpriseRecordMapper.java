package vn.lienthong.gateway.enterprise;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.mapping.UnmappedCodeException;

/**
 * One {@code GetEntCert} element of the business registry in the one-stop API's English fields, its nested
 * arrays flattened: the current legal status is the latest {@code TinhTrangPhapLy} entry (by
 * {@code NgayHieuLuc}), the head office the first address, representatives and business lines as lists.
 */
public final class EnterpriseRecordMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnterpriseRecordMapper() {
    }

    public static ObjectNode toJson(JsonNode e, Map<String, String> legalStatuses) {
        ObjectNode out = JSON.createObjectNode();
        out.put("enterpriseCode", text(e, "MaSoDoanhNghiep"));
        out.put("registrationNumber", text(e, "SoGCNDKKD"));
        ObjectNode names = out.putObject("name");
        names.put("vietnamese", text(e, "TenTiengViet"));
        names.put("english", text(e, "TenTiengAnh"));
        names.put("short", text(e, "TenVietTat"));
        out.put("legalForm", text(e, "LoaiHinhDN"));
        JsonNode current = null;
        for (JsonNode s : e.path("TinhTrangPhapLy")) {
            if (current == null || text(s, "NgayHieuLuc") != null
                    && String.valueOf(text(s, "NgayHieuLuc")).compareTo(String.valueOf(text(current, "NgayHieuLuc"))) >= 0) {
                current = s;
            }
        }
        if (current != null) {
            String code = text(current, "MaTinhTrangPhapLy");
            String status = legalStatuses.get(code);
            if (status == null) {
                throw new UnmappedCodeException("enterprise-legal-status", code);
            }
            out.putObject("status").put("code", status).put("nationalCode", code).put("since", text(current, "NgayHieuLuc"));
        }
        out.put("foundedOn", text(e, "NgayDangKyLanDau"));
        out.put("lastChangedOn", text(e, "NgayDangKyThayDoi"));
        JsonNode office = e.path("DiaChiTruSo").path(0).path("DiaChi").path(0);
        if (!office.isMissingNode()) {
            out.putObject("headOffice").put("provinceCode", text(office, "MaTinhThanh"))
                    .put("districtCode", text(office, "MaQuanHuyen")).put("communeCode", text(office, "MaPhuongXa"))
                    .put("street", text(office, "SoNha"));
        }
        ArrayNode reps = out.putArray("legalRepresentatives");
        for (JsonNode group : e.path("DaiDienPhapLuat")) {
            for (JsonNode p : group.path("ThongTinCaNhan")) {
                reps.addObject().put("name", text(p, "HoVaTen")).put("title", text(p, "ChucDanh"));
            }
        }
        ArrayNode lines = out.putArray("businessLines");
        for (JsonNode l : e.path("NganhNgheKinhDoanh")) {
            lines.addObject().put("code", text(l, "MaNganh")).put("name", text(l, "TenNganh"))
                    .put("main", l.path("LaNganhChinh").asBoolean(false));
        }
        JsonNode capital = e.get("VonDieuLe");
        if (capital != null && capital.isNumber()) {
            out.put("charterCapital", capital.decimalValue());
        } else {
            out.putNull("charterCapital");
        }
        out.put("parentEnterpriseCode", text(e, "DonViChuQuan"));
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
