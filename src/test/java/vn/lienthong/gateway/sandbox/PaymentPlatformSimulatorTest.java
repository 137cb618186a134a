package vn.lienthong.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The payment platform simulator takes exactly the platform's INIT and refuses anything else with the platform's codes. */
class PaymentPlatformSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PaymentPlatformSimulator sim = new PaymentPlatformSimulator(0, "P1", "sec", null).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sim.stop();
    }

    /** A well-formed INIT opens the payment page; a second one with the same MaThamChieu is refused. */
    @Test
    void shouldOpenOnceWhenInitWellFormed() throws Exception {
        ObjectNode init = init("ref1");
        assertThat(post("/init", init.toString(), null).get("error_code").asText()).isEqualTo("0");
        assertThat(post("/init", init.toString(), null).get("error_code").asText()).isEqualTo("09");
    }

    /** Fields out of order, a number instead of a string, a wrong seal, an Authorization nobody asked for, a query string: refused. */
    @Test
    void shouldRefuseWhenInitBreaksTheContract() throws Exception {
        ObjectNode reordered = JSON.createObjectNode();
        ObjectNode base = init("ref2");
        reordered.set("PhienBan", base.get("PhienBan"));
        base.fields().forEachRemaining(e -> reordered.set(e.getKey(), e.getValue()));
        assertThat(post("/init", reordered.toString(), null).get("error_code").asText()).isEqualTo("01");
        ObjectNode number = init("ref3");
        number.put("SoTien", 150000);
        assertThat(post("/init", number.toString(), null).get("error_code").asText()).isEqualTo("01");
        ObjectNode forged = init("ref4");
        forged.put("MaXacThuc", "0".repeat(64));
        assertThat(post("/init", forged.toString(), null).get("error_code").asText()).isEqualTo("07");
        assertThat(post("/init", init("ref5").toString(), "Bearer x").get("error_code").asText()).isEqualTo("99");
        HttpResponse<String> query = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/init?x=1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(init("ref6").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(query.statusCode()).isEqualTo(404);
        assertThat(sim.transaction("ref2")).isNull();
        assertThat(sim.transaction("ref5")).isNull();
    }

    private JsonNode post(String path, String body, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static ObjectNode init(String ref) {
        ObjectNode m = JSON.createObjectNode();
        List<String> values = new ArrayList<>();
        String[][] fields = {{"LoaiBanTin", "INIT"}, {"PhienBan", "1.0.6"}, {"MaDoiTac", "P1"}, {"MaThamChieu", ref}, {"SoTien", "150000"},
                {"LoaiHinhThanhToan", "PAY"}, {"MaKenhThanhToan", "1"}, {"MaThietBi", "1"}, {"NgonNgu", "vi-VN"}, {"MaTienTe", "VND"},
                {"MaNganHang", "PAYMENT"}, {"ThongTinGiaoDich", "T"}, {"ThoiGianGD", "20261124151500"}, {"Ip", "10.0.0.5"}};
        for (String[] f : fields) {
            m.put(f[0], f[1]);
            values.add(f[1]);
        }
        m.put("MaXacThuc", PaymentPlatformSimulator.seal(values, "sec"));
        ObjectNode b = m.putObject("ThongTinBienLai");
        for (String f : List.of("MaDichVu", "MaDVC", "TenDVC", "MaTTHC", "TenTTHC", "MaDonVi", "TenDonVi", "MaHoSo", "TKThuHuong",
                "MaNHThuHuong", "TenTKThuHuong", "NoiDungThanhToan", "HoTenNguoiNop", "SoCMNDNguoiNop", "DiaChiNguoiNop", "HuyenNguoiNop",
                "TinhNguoiNop", "MaLoaiHinhThuPhat", "TenLoaiHinhThuPhat", "MaCoQuanQD", "TenCoQuanQD", "KhoBac", "NgayQD", "SoQD",
                "ThoiGianViPham", "DiaDiemViPham", "TenNguoiViPham", "TaiKhoanThuNSNN")) {
            b.put(f, "");
        }
        b.putArray("PhiLePhi").addObject().put("LoaiPhiLePhi", "Phi").put("MaPhiLePhi", "1.001612.01").put("TenPhiLePhi", "L")
                .put("SoTien", "150000");
        b.putArray("DSKhoanNop").addObject().put("NoiDung", "L").put("SoTien", "150000");
        return m;
    }
}
