package vn.lienthong.gateway.national.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Portal data read whatever type its scalars come in. */
class PortalScalarsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Integer fields become numbers, every other scalar text, at any depth; containers keep their shape. */
    @Test
    void shouldGiveOneTypePerFieldWhenScalarsComeAsStringsNumbersOrBooleans() throws Exception {
        JsonNode in = JSON.readTree("{\"SoTien\":\"150000\",\"MaHoSo\":20261124,\"Co\":true,\"Ty\":1.50,"
                + "\"ChuHoSo\":{\"LoaiDoiTuong\":\"1\",\"SoDienThoai\":905123456},\"TaiLieuNop\":[{\"DuocSoHoa\":1}],\"Rong\":null}");
        JsonNode out = PortalScalars.canonical(in, Set.of("SoTien", "LoaiDoiTuong"));
        assertThat(out).isEqualTo(JSON.readTree("{\"SoTien\":150000,\"MaHoSo\":\"20261124\",\"Co\":\"true\",\"Ty\":\"1.5\","
                + "\"ChuHoSo\":{\"LoaiDoiTuong\":1,\"SoDienThoai\":\"905123456\"},\"TaiLieuNop\":[{\"DuocSoHoa\":\"1\"}],\"Rong\":null}"));
    }

    /** A value that is not what its field holds is left as it came, for the rules to refuse. */
    @Test
    void shouldLeaveValueWhenItCannotBeReadAsItsType() throws Exception {
        JsonNode out = PortalScalars.canonical(JSON.readTree("{\"SoTien\":\"150.000 đ\",\"DiemDanhGia\":true}"),
                Set.of("SoTien", "DiemDanhGia"));
        assertThat(out.get("SoTien").asText()).isEqualTo("150.000 đ");
        assertThat(out.get("DiemDanhGia").isBoolean()).isTrue();
    }
}
