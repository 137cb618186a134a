package vn.lienthong.gateway.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the simulated portal checks in each record of {@code DongBoHoSoMC} and each entry of
 * {@code CapNhatTienDoHoSoMC}, as national-portal-record.md defines them: only the fields production clients
 * send, every scalar a JSON string (a number or a boolean is malformed, error 14 for that record), dates as
 * {@code yyyyMMddHHmmss} or empty, codes within their lists, the text limits, and the lists as lists of
 * objects of their own fields. An empty string is "not given" and passes wherever a value may be missing.
 */
public final class PortalRecordCheck {
    private static final Pattern DATE = Pattern.compile("\\d{14}");
    /** Every field of the record, as national-portal-record.md lists them. */
    public static final Set<String> RECORD_FIELDS = Set.of("MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc",
            "KenhThucHien", "SoGiayToChuHoSo", "ChuHoSo", "LoaiDoiTuong", "MaDoiTuong", "ThongTinKhac", "ThongTinTra", "Email",
            "Fax", "SoDienThoai", "TrichYeuHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "TrangThaiHoSo",
            "HinhThuc", "DonViXuLy", "GhiChu", "NoiNopHoSo", "HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID",
            "DuocThanhToanTrucTuyen", "NgayTuChoi", "NgayNopHoSo", "DinhDanhCHS", "DSKetNoiCSDL", "DanhSachLePhi",
            "DanhSachTepDinhKemKhac", "DanhSachHoSoBoSung", "DanhSachGiayToKetQua", "TaiLieuNop");
    private static final Set<String> PROGRESS_FIELDS = Set.of("MaHoSo", "NguoiXuLy", "ChucDanh", "ThoiDiemXuLy", "PhongBanXuLy",
            "NoiDungXuLy", "TrangThai", "NgayBatDau", "NgayKetThucTheoQuyDinh");
    /** Each list of the record and the fields of its items. */
    private static final Map<String, Set<String>> LISTS = Map.of(
            "DinhDanhCHS", Set.of("LoaiDinhDanh", "SoDinhDanh"),
            "DSKetNoiCSDL", Set.of("MaCSDL"),
            "DanhSachLePhi", Set.of("TenPhiLePhi", "MaPhiLePhi", "HinhThucThu", "Gia", "LoaiPhiLePhi"),
            "DanhSachTepDinhKemKhac", Set.of("TenGiayTo", "SoLuong", "LoaiGiayTo"),
            "DanhSachHoSoBoSung", Set.of("HoSoBoSungId", "NgayYeuCauBoSung", "NoiDungBoSung", "NgayBoSung", "TrangThaiBoSung"),
            "DanhSachGiayToKetQua", Set.of("TenGiayTo", "MaThanhPhanHoSo", "GiayToId", "DuongDanTepTinKetQua", "MaGiayToKetQua"),
            "TaiLieuNop", Set.of("TepDinhKemId", "TenTepDinhKem", "IsDeleted", "MaThanhPhanHoSo", "DuongDanTaiTepTin", "DuocSoHoa",
                    "DuocTaiSuDung", "DuocLayTuKhoDMQG", "MaKetQuaThayThe"));
    /** Fields holding a code, and the codes allowed (besides empty). */
    private static final Map<String, Set<String>> CODES = Map.ofEntries(
            Map.entry("TrangThaiHoSo", Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")),
            Map.entry("TrangThai", Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")),
            Map.entry("KenhThucHien", Set.of("1", "2", "3")),
            Map.entry("LoaiDoiTuong", Set.of("1", "2", "3", "4")),
            Map.entry("LoaiDinhDanh", Set.of("1", "2")),
            Map.entry("HinhThuc", Set.of("0", "1")),
            Map.entry("HoSoCoThanhPhanSoHoa", Set.of("0", "1")),
            Map.entry("TaiKhoanDuocXacThucVoiVNeID", Set.of("0", "1")),
            Map.entry("DuocThanhToanTrucTuyen", Set.of("0", "1", "2")),
            Map.entry("DuocSoHoa", Set.of("0", "1")),
            Map.entry("DuocTaiSuDung", Set.of("0", "1", "2")),
            Map.entry("DuocLayTuKhoDMQG", Set.of("0", "1")),
            Map.entry("TrangThaiBoSung", Set.of("0", "1")));
    /** Text limits production clients apply (national-portal-record.md). */
    private static final Map<String, Integer> LIMITS = Map.of("TrichYeuHoSo", 1000, "TenTepDinhKem", 4000, "TenGiayTo", 2000,
            "NguoiXuLy", 50);

    private PortalRecordCheck() {
    }

    /** What is malformed in a DongBoHoSoMC record, or null when nothing is. */
    static String record(JsonNode rec) {
        String problem = object(rec, RECORD_FIELDS, "");
        if (problem != null) {
            return problem;
        }
        if (rec.path("TrangThaiHoSo").asText("").isEmpty()) {
            return "thiếu TrangThaiHoSo";
        }
        for (Map.Entry<String, Set<String>> list : LISTS.entrySet()) {
            JsonNode items = rec.get(list.getKey());
            if (items == null) {
                continue;
            }
            if (!items.isArray()) {
                return list.getKey() + " phải là danh sách";
            }
            for (int i = 0; i < items.size(); i++) {
                problem = object(items.get(i), list.getValue(), list.getKey() + "[" + i + "].");
                if (problem != null) {
                    return problem;
                }
            }
        }
        for (JsonNode db : rec.path("DSKetNoiCSDL")) {
            if (db.path("MaCSDL").asText("").isEmpty()) {
                return "DSKetNoiCSDL: thiếu MaCSDL";
            }
        }
        return null;
    }

    /** What is malformed in a CapNhatTienDoHoSoMC entry, or null when nothing is. */
    static String progressEntry(JsonNode entry) {
        String problem = object(entry, PROGRESS_FIELDS, "");
        if (problem == null && entry.path("TrangThai").asText("").isEmpty()) {
            return "thiếu TrangThai";
        }
        return problem;
    }

    /** An object of the given fields whose scalars are strings; lists are judged by the caller. */
    private static String object(JsonNode o, Set<String> fields, String at) {
        if (o == null || !o.isObject()) {
            return (at.isEmpty() ? "bản ghi" : at) + " phải là đối tượng";
        }
        for (Map.Entry<String, JsonNode> f : o.properties()) {
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (!fields.contains(name)) {
                return at + name + ": trường không có trong bản ghi";
            }
            if (LISTS.containsKey(name) && at.isEmpty()) {
                continue;
            }
            if (!v.isTextual()) {
                return at + name + " phải là chuỗi (gửi " + v.getNodeType() + ")";
            }
            String problem = value(name, v.asText());
            if (problem != null) {
                return at + name + problem;
            }
        }
        return null;
    }

    private static String value(String name, String text) {
        if (name.startsWith("Ngay") || name.equals("ThoiDiemXuLy")) {
            return text.isEmpty() || DATE.matcher(text).matches() ? null : " phải là yyyyMMddHHmmss";
        }
        Set<String> codes = CODES.get(name);
        if (codes != null && !text.isEmpty() && !codes.contains(text)) {
            return " không thuộc " + new java.util.TreeSet<>(codes);
        }
        Integer limit = LIMITS.get(name);
        if (limit != null && text.length() > limit) {
            return " dài quá " + limit + " ký tự";
        }
        return null;
    }
}
