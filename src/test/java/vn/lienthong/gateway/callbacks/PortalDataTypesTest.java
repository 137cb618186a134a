package vn.lienthong.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.sandbox.OneStopRequest;

/**
 * Portal data is read whatever JSON type its scalars come in (production clients send strings, the reference
 * numbers), and the poll answer is read from the usual answer's {@code result}.
 */
class PortalDataTypesTest extends CallbacksTestSupport {
    private static final List<String> SEAL = List.of("MaHoSo", "MaThamChieu", "MaGiaoDich", "SoTien", "TrangThai", "ThoiDiem",
            "MaKenhThanhToan");

    @Autowired
    PortalPoller poller;

    private static ObjectNode payment(String dossier, JsonNode amount) {
        ObjectNode c = sample("thanh-toan");
        ObjectNode data = (ObjectNode) c.get("DuLieu");
        data.put("MaHoSo", dossier);
        data.set("SoTien", amount);
        data.put("MaXacThuc", PaymentCode.compute(data, SEAL, PAYMENT_SECRET));
        return c;
    }

    private static JsonNode body(String dossier, String kind) throws Exception {
        OneStopRequest r = ONE_STOP.accepted().stream().filter(x -> x.path().equals("/api/v1/dossiers/" + dossier + "/" + kind))
                .findFirst().orElseThrow();
        return JSON.readTree(r.body());
    }

    /** A payment pushed with SoTien as a string of digits reaches the one-stop system as the same number. */
    @Test
    void shouldReadAmountWhenPortalSendsItAsString() throws Exception {
        String d = dossier();
        assertThat(post(payment(d, JSON.getNodeFactory().textNode("150000")), "types-" + UUID.randomUUID()).statusCode())
                .isEqualTo(200);
        await("payment delivered", () -> ONE_STOP.accepted().stream().anyMatch(r -> r.path().contains(d)));
        assertThat(body(d, "payments").get("amount").isIntegralNumber()).isTrue();
        assertThat(body(d, "payments").get("amount").asLong()).isEqualTo(150000);
    }

    /** Polled items come from the answer's result; string, number and boolean scalars are all read. */
    @Test
    void shouldStorePolledItemsWhenScalarsAreStringsNumbersOrBooleans() throws Exception {
        String d = dossier();
        ObjectNode rating = sample("danh-gia");
        ((ObjectNode) rating.get("DuLieu")).put("MaHoSo", d).put("DiemDanhGia", "4").put("NoiDung", true);
        PORTAL.enqueueItem(rating);
        PORTAL.enqueueItem(payment(d, JSON.getNodeFactory().numberNode(250000)));

        PortalPoller.Report report = poller.pollOnce();

        assertThat(report).isEqualTo(new PortalPoller.Report(2, 2, 0, 0, 1)); // one acknowledgement per dossier
        await("both delivered", () -> ONE_STOP.accepted().stream().filter(r -> r.path().contains(d)).count() == 2);
        assertThat(body(d, "ratings").get("score").asInt()).isEqualTo(4);
        assertThat(body(d, "ratings").get("comment").asText()).isEqualTo("true");
        assertThat(body(d, "payments").get("amount").asLong()).isEqualTo(250000);
    }
}
