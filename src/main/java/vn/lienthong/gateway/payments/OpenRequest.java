package vn.lienthong.gateway.payments;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.identifiers.Identifiers;

/**
 * The one-stop system's request to open a payment (POST /api/v1/payments): its rules, each refusal naming the field
 * and the rule, and the INIT message built from it with the fields in the platform's order and MaXacThuc over the
 * fields the platform lists. The payer's name, ID number and address go to the platform (the receipt's
 * HoTenNguoiNop, SoCMNDNguoiNop, DiaChiNguoiNop) and are never logged.
 */
final class OpenRequest {
    private static final Set<String> FIELDS = Set.of("dossierCode", "procedureCode", "procedureName", "agencyCode", "agencyName",
            "amount", "fees", "payer", "description");
    private static final Set<String> FEE_FIELDS = Set.of("name", "code", "kind", "amount");
    /** The one-stop words of fee kinds (mappings/fee-kinds.yaml), carried to the dossier's record when paid. */
    private static final Set<String> FEE_KINDS = Set.of("FEE", "CHARGE");
    private static final Set<String> PAYER_FIELDS = Set.of("name", "idNumber", "address");
    /** A hundred thousand billion đồng: beyond any fee, exact in every number type on the way. */
    static final long MAX_AMOUNT = 100_000_000_000_000L;
    private static final int MAX_FEES = 50;

    private OpenRequest() {
    }

    static List<Violation> check(JsonNode r) {
        List<Violation> v = new ArrayList<>();
        if (!r.isObject()) {
            v.add(Violation.of("$", "body.object", "the body is a JSON object"));
            return v;
        }
        unknown(r, FIELDS, "", v);
        String dossier = text(r, "dossierCode", true, 60, v);
        if (dossier != null && Identifiers.dossierCode(dossier) != null) {
            v.add(Violation.of("dossierCode", Identifiers.dossierCode(dossier),
                    "dossierCode is <agency code>-<yyMMdd>-<NNNN> with a real date, e.g. 000.00.12.H47-241124-0001"));
        }
        String procedure = text(r, "procedureCode", true, 60, v);
        if (procedure != null && Identifiers.procedureCode(procedure) != null) {
            v.add(Violation.of("procedureCode", "procedure-code.format", "procedureCode is a national procedure code, e.g. 1.001612"));
        }
        text(r, "procedureName", false, 2000, v);
        String agency = text(r, "agencyCode", false, 20, v);
        if (agency != null && Identifiers.agencyCode(agency) != null) {
            v.add(Violation.of("agencyCode", "agency-code.format", "agencyCode is an agency code, e.g. 000.00.12.H47"));
        }
        text(r, "agencyName", false, 500, v);
        text(r, "description", false, 210, v);
        Long amount = amount(r, "amount", "amount", v);
        JsonNode fees = r.get("fees");
        long sum = 0;
        boolean feesOk = true;
        if (fees == null || fees.isNull()) {
            v.add(Violation.of("fees", "fees.required", "fees lists what is paid (name, amount), at least one"));
            feesOk = false;
        } else if (!fees.isArray() || fees.isEmpty() || fees.size() > MAX_FEES) {
            v.add(Violation.of("fees", "fees.list", "fees is a list of 1 to " + MAX_FEES + " fees"));
            feesOk = false;
        } else {
            for (int i = 0; i < fees.size(); i++) {
                JsonNode f = fees.get(i);
                String p = "fees[" + i + "]";
                if (!f.isObject()) {
                    v.add(Violation.of(p, "fee.object", p + " is an object with name and amount"));
                    feesOk = false;
                    continue;
                }
                unknown(f, FEE_FIELDS, p + ".", v);
                if (textAt(f, "name", p + ".name", true, 500, v) == null) {
                    feesOk = false;
                }
                textAt(f, "code", p + ".code", false, 50, v);
                String kind = textAt(f, "kind", p + ".kind", false, 20, v);
                if (kind != null && !FEE_KINDS.contains(kind)) {
                    v.add(Violation.of(p + ".kind", "fee-kind.unknown", p + ".kind is one of " + new java.util.TreeSet<>(FEE_KINDS)));
                }
                Long a = amount(f, "amount", p + ".amount", v);
                if (a == null) {
                    feesOk = false;
                } else {
                    sum += a;
                }
            }
        }
        if (feesOk && amount != null && sum != amount) {
            v.add(Violation.of("fees", "fees.sum", "the fees' amounts add up to " + sum + ", not to amount " + amount));
        }
        JsonNode payer = r.get("payer");
        if (payer == null || payer.isNull()) {
            v.add(Violation.of("payer", "payer.required", "payer is the person paying (name; idNumber and address optional)"));
        } else if (!payer.isObject()) {
            v.add(Violation.of("payer", "payer.object", "payer is an object with name, idNumber and address"));
        } else {
            unknown(payer, PAYER_FIELDS, "payer.", v);
            textAt(payer, "name", "payer.name", true, 200, v);
            String id = textAt(payer, "idNumber", "payer.idNumber", false, 12, v);
            if (id != null && !id.matches("\\d{9}|\\d{12}")) {
                v.add(Violation.of("payer.idNumber", "id-number.format", "payer.idNumber is 9 or 12 digits"));
            }
            textAt(payer, "address", "payer.address", false, 500, v);
        }
        return v;
    }

    /** The INIT body, fields in the platform's order; MaXacThuc over {@link PaymentSeal#INIT}. */
    static ObjectNode init(JsonNode r, PaymentProperties cfg, String reference, String txTime, String ip) {
        PaymentProperties.Init c = cfg.getInit();
        String dossier = r.get("dossierCode").asText();
        String procedure = Identifiers.nationalProcedureCode(r.get("procedureCode").asText());
        String serviceCode = procedure + ".01";
        String info = r.hasNonNull("description") ? r.get("description").asText() : "THANH TOAN HO SO " + dossier;
        String procedureName = name(r.path("procedureName").asText(""));
        JsonNode payer = r.get("payer");
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("LoaiBanTin", "INIT");
        m.put("PhienBan", cfg.getVersion());
        m.put("MaDoiTac", cfg.getPartnerCode());
        m.put("MaThamChieu", reference);
        m.put("SoTien", Long.toString(r.get("amount").asLong()));
        m.put("LoaiHinhThanhToan", c.getPaymentKind());
        m.put("MaKenhThanhToan", c.getChannel());
        m.put("MaThietBi", c.getDevice());
        m.put("NgonNgu", c.getLanguage());
        m.put("MaTienTe", "VND");
        m.put("MaNganHang", c.getBank());
        m.put("ThongTinGiaoDich", info);
        m.put("ThoiGianGD", txTime);
        m.put("Ip", ip);
        m.put("MaXacThuc", PaymentSeal.seal(signed(m), cfg.getSecret()));
        ObjectNode b = m.putObject("ThongTinBienLai");
        b.put("MaDichVu", c.getServiceCode());
        b.put("MaDVC", serviceCode);
        b.put("TenDVC", procedureName);
        b.put("MaTTHC", procedure);
        b.put("TenTTHC", procedureName);
        b.put("MaDonVi", r.hasNonNull("agencyCode") ? r.get("agencyCode").asText() : dossier.substring(0, dossier.indexOf('-')));
        b.put("TenDonVi", r.path("agencyName").asText(""));
        b.put("MaHoSo", dossier);
        b.put("TKThuHuong", c.getBeneficiaryAccount());
        b.put("MaNHThuHuong", c.getBeneficiaryBank());
        b.put("TenTKThuHuong", c.getBeneficiaryName());
        b.put("NoiDungThanhToan", info);
        b.put("HoTenNguoiNop", payer.get("name").asText());
        b.put("SoCMNDNguoiNop", payer.hasNonNull("idNumber") ? payer.get("idNumber").asText() : "000000000");
        b.put("DiaChiNguoiNop", payer.path("address").asText(""));
        for (String empty : List.of("HuyenNguoiNop", "TinhNguoiNop", "MaLoaiHinhThuPhat", "TenLoaiHinhThuPhat", "MaCoQuanQD",
                "TenCoQuanQD", "KhoBac", "NgayQD", "SoQD", "ThoiGianViPham", "DiaDiemViPham", "TenNguoiViPham", "TaiKhoanThuNSNN")) {
            b.put(empty, "");
        }
        ArrayNode fees = b.putArray("PhiLePhi");
        ArrayNode items = b.putArray("DSKhoanNop");
        for (JsonNode f : r.get("fees")) {
            String amount = Long.toString(f.get("amount").asLong());
            fees.addObject().put("LoaiPhiLePhi", c.getFeeKind())
                    .put("MaPhiLePhi", f.hasNonNull("code") ? f.get("code").asText() : serviceCode)
                    .put("TenPhiLePhi", f.get("name").asText()).put("SoTien", amount);
            items.addObject().put("NoiDung", f.get("name").asText()).put("SoTien", amount);
        }
        return m;
    }

    /** The values MaXacThuc of an INIT covers, in order. */
    static List<String> signed(JsonNode init) {
        List<String> values = new ArrayList<>();
        for (String f : PaymentSeal.INIT) {
            values.add(init.get(f).asText());
        }
        return values;
    }

    /** The fees as kept with the transaction and put in the dossier's record when paid, each with the code INIT gave it. */
    static ArrayNode fees(JsonNode r) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        String serviceCode = Identifiers.nationalProcedureCode(r.get("procedureCode").asText()) + ".01";
        for (JsonNode f : r.get("fees")) {
            ObjectNode o = out.addObject().put("name", f.get("name").asText()).put("amount", f.get("amount").asLong());
            o.put("code", f.hasNonNull("code") ? f.get("code").asText() : serviceCode);
            if (f.hasNonNull("kind")) {
                o.put("kind", f.get("kind").asText());
            }
        }
        return out;
    }

    /** TenTTHC / TenDVC: over 250 characters become the first 200 and "...", as the platform's receipts expect. */
    static String name(String s) {
        return s.length() > 250 ? s.substring(0, 200) + "..." : s;
    }

    private static void unknown(JsonNode o, Set<String> known, String prefix, List<Violation> v) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                v.add(Violation.of(prefix + f, "field.unknown", prefix + f + " is not a field of this request"));
            }
        }
    }

    private static String text(JsonNode r, String field, boolean required, int max, List<Violation> v) {
        return textAt(r, field, field, required, max, v);
    }

    private static String textAt(JsonNode r, String field, String path, boolean required, int max, List<Violation> v) {
        JsonNode n = r.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                v.add(Violation.of(path, path.replaceAll("\\[\\d+]", "") + ".required", path + " is required"));
            }
            return null;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            v.add(Violation.of(path, path.replaceAll("\\[\\d+]", "") + ".text", path + " is a non-empty string"));
            return null;
        }
        if (n.textValue().length() > max || n.textValue().chars().anyMatch(ch -> ch < 0x20)) {
            v.add(Violation.of(path, path.replaceAll("\\[\\d+]", "") + ".length", path + " is at most " + max + " characters, no control characters"));
            return null;
        }
        return n.textValue();
    }

    private static Long amount(JsonNode r, String field, String path, List<Violation> v) {
        JsonNode n = r.get(field);
        String rule = path.replaceAll("\\[\\d+]", "");
        if (n == null || n.isNull()) {
            v.add(Violation.of(path, rule + ".required", path + " is required, whole đồng"));
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            v.add(Violation.of(path, rule + ".integer", path + " is a whole number of đồng"));
            return null;
        }
        long a = n.longValue();
        if (a <= 0 || a > MAX_AMOUNT) {
            v.add(Violation.of(path, rule + ".positive", path + " is more than 0 and at most " + MAX_AMOUNT + " đồng"));
            return null;
        }
        return a;
    }
}
