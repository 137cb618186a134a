package vn.lienthong.gateway.citizen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.national.population.soap.CongDan;
import vn.lienthong.gateway.national.population.soap.DiaChi;
import vn.lienthong.gateway.national.population.soap.HoVaTen;
import vn.lienthong.gateway.national.population.soap.NgayThangNamSinh;
import vn.lienthong.gateway.national.population.soap.NguoiLienQuan;

/**
 * The population database's {@code CongDan} in the one-stop API's English fields, with the least data
 * that serves: no parents, spouse, marital status or household book; ethnicity, religion and blood
 * group only for a purpose that needs them.
 */
public final class CitizenRecordMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CitizenRecordMapper() {
    }

    public static ObjectNode toJson(CongDan c, boolean sensitive) {
        ObjectNode out = JSON.createObjectNode();
        out.put("personalId", c.getSoDinhDanh());
        HoVaTen n = c.getHoVaTen();
        if (n != null) {
            ObjectNode name = out.putObject("name");
            name.put("full", join(n.getHo(), n.getChuDem(), n.getTen()));
            name.put("family", n.getHo());
            name.put("middle", n.getChuDem());
            name.put("given", n.getTen());
        }
        NgayThangNamSinh born = c.getNgayThangNamSinh();
        if (born != null && born.getNgayThangNam() != null && born.getNgayThangNam().matches("\\d{8}")) {
            String d = born.getNgayThangNam();
            out.put("birthDate", d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6));
            out.put("birthDatePrecision", "DAY");
        } else if (born != null && born.getNam() != null) {
            out.put("birthDate", born.getNam());
            out.put("birthDatePrecision", "YEAR");
        }
        out.put("sex", switch (c.getGioiTinh()) {
            case 1 -> "MALE";
            case 2 -> "FEMALE";
            default -> "UNKNOWN";
        });
        out.put("nationality", c.getQuocTich());
        if (sensitive) {
            out.put("ethnicity", c.getDanToc());
            out.put("religion", c.getTonGiao());
            out.put("bloodGroup", c.getNhomMau());
        }
        address(out, "homeTown", c.getQueQuan());
        address(out, "permanentAddress", c.getThuongTru());
        address(out, "currentAddress", c.getNoiOHienTai());
        NguoiLienQuan head = c.getChuHo();
        if (head != null) {
            out.putObject("householdHead").put("name", head.getHoVaTen()).put("personalId", head.getSoDinhDanh())
                    .put("relationship", head.getQuanHe());
        }
        String status = c.getTinhTrang();
        out.put("alive", !"DA_MAT".equals(status));
        out.put("lifeStatus", "DA_MAT".equals(status) ? "DECEASED" : "SONG".equals(status) ? "ALIVE" : "UNKNOWN");
        return out;
    }

    private static void address(ObjectNode out, String field, DiaChi a) {
        if (a == null) {
            return;
        }
        out.putObject(field).put("provinceCode", a.getMaTinhThanh()).put("districtCode", a.getMaQuanHuyen())
                .put("communeCode", a.getMaPhuongXa()).put("detail", a.getChiTiet());
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                b.append(b.length() == 0 ? "" : " ").append(p.trim());
            }
        }
        return b.toString();
    }
}
