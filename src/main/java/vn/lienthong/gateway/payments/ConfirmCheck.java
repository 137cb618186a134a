package vn.lienthong.gateway.payments;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.api.Violation;

/** The types of the platform's confirm callback, checked before its seal: what the seal and the look-up need. */
final class ConfirmCheck {
    private ConfirmCheck() {
    }

    static List<Violation> check(JsonNode c) {
        List<Violation> v = new ArrayList<>();
        if (!c.isObject()) {
            v.add(Violation.of("$", "body.object", "the confirm is a JSON object"));
            return v;
        }
        JsonNode seal = c.get("MaXacThuc");
        if (seal == null || !seal.isTextual() || !seal.textValue().matches("[0-9A-Fa-f]{64}")) {
            v.add(Violation.of("MaXacThuc", "seal.required", "MaXacThuc is the 64 hex characters of the confirm's SHA-256 seal"));
        }
        JsonNode ref = c.get("MaThamChieu");
        if (ref == null || !ref.isTextual() || !PaymentsApi.REFERENCE.matcher(ref.textValue()).matches()) {
            v.add(Violation.of("MaThamChieu", "reference.format", "MaThamChieu is the payment's reference, 1 to 50 letters and digits"));
        }
        for (String f : List.of("MaLoi", "MaDoiTac")) {
            JsonNode n = c.get(f);
            if (n == null || !n.isTextual() || n.textValue().isEmpty() || n.textValue().length() > 100) {
                v.add(Violation.of(f, f.toLowerCase() + ".required", f + " is a string of 1 to 100 characters"));
            }
        }
        JsonNode amount = c.get("SoTien");
        boolean digits = amount != null && (amount.isIntegralNumber() && amount.canConvertToLong() && amount.longValue() >= 0
                || amount.isTextual() && amount.textValue().matches("\\d{1,15}"));
        if (!digits) {
            v.add(Violation.of("SoTien", "amount.integer", "SoTien is a whole number of đồng"));
        }
        for (String f : List.of("LoaiBanTin", "MaTienTe", "MaGiaoDich", "MaNganHang", "ThoiGianGD", "ThongTinGiaoDich")) {
            JsonNode n = c.get(f);
            if (n != null && !n.isNull() && !(n.isTextual() && n.textValue().length() <= 500)) {
                v.add(Violation.of(f, "text", f + " is a string of at most 500 characters"));
            }
        }
        return v;
    }
}
