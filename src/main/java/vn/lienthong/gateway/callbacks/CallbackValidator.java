package vn.lienthong.gateway.callbacks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.identifiers.ContactFormats;
import vn.lienthong.gateway.identifiers.Identifiers;

/**
 * Every rule a portal callback envelope {@code {"LoaiThongBao": KIND, "DuLieu": {…}}} must pass before it is
 * stored, each violation naming its field and rule. Identifier rules are those of the domain README; a
 * payment result carrying MaXacThuc must carry the payment platform's seal.
 */
public class CallbackValidator {
    private static final int MAX_TEXT = 2000;
    private static final int MAX_DOCUMENTS = 100;

    private final Clock clock;
    private final String paymentSecret;

    public CallbackValidator(Clock clock, String paymentSecret) {
        this.clock = clock;
        this.paymentSecret = paymentSecret;
    }

    public List<Violation> validate(JsonNode envelope, CallbackVocabulary vocab) {
        List<Violation> v = new ArrayList<>();
        String kindField = vocab.get("envelope.kind");
        String dataField = vocab.get("envelope.data");
        if (envelope == null || !envelope.isObject()) {
            v.add(Violation.of("$", "type.object", "a callback is a JSON object {\"" + kindField + "\": …, \"" + dataField + "\": {…}}"));
            return v;
        }
        JsonNode kind = envelope.get(kindField);
        if (kind == null || !kind.isTextual() || vocab.kind(kind.asText()) == null) {
            v.add(Violation.of(kindField, "kind.known", kindField + " is one of " + new java.util.TreeSet<>(vocab.kinds())));
        }
        JsonNode data = envelope.get(dataField);
        if (data == null || !data.isObject()) {
            v.add(Violation.of(dataField, "type.object", dataField + " is a JSON object"));
        }
        if (!v.isEmpty()) {
            return v;
        }
        Fields f = new Fields(data, dataField, v, vocab);
        switch (kind.asText()) {
            case "HOSO_MOI" -> newDossier(f, vocab);
            case "BO_SUNG_HOSO" -> {
                f.dossier("MaHoSo");
                f.time("NgayBoSung");
                f.documents(true);
            }
            case "RUT_HOSO" -> {
                f.dossier("MaHoSo");
                f.text("LyDo", true);
                f.time("ThoiDiem");
            }
            case "THANH_TOAN" -> payment(f, data, vocab);
            case "DANH_GIA" -> {
                f.dossier("MaHoSo");
                JsonNode score = data.get("DiemDanhGia");
                if (score == null || !score.isIntegralNumber() || !score.canConvertToInt() || score.asInt() < 1 || score.asInt() > 5) {
                    v.add(Violation.of(dataField + ".DiemDanhGia", "rating.range", "DiemDanhGia is an integer from 1 to 5"));
                }
                f.text("NoiDung", false);
            }
            default -> throw new IllegalStateException("kind without rules: " + kind.asText());
        }
        return v;
    }

    private void newDossier(Fields f, CallbackVocabulary vocab) {
        f.dossier("MaHoSoQG");
        String procedure = f.text("MaTTHC", true);
        if (procedure != null && Identifiers.procedureCode(procedure) != null) {
            f.fail("MaTTHC", "procedure-code.format", "MaTTHC is a national procedure code such as 1.001612");
        }
        String agency = f.text("MaCoQuan", true);
        if (agency != null && Identifiers.agencyCode(agency) != null) {
            f.fail("MaCoQuan", "agency-code.format", "MaCoQuan is an agency code such as 000.00.12.H47");
        }
        f.time("NgayNop");
        JsonNode owner = f.data.get("ChuHoSo");
        if (owner == null || !owner.isObject()) {
            f.fail("ChuHoSo", "type.object", "ChuHoSo is a JSON object");
        } else {
            Fields o = new Fields(owner, f.prefix + ".ChuHoSo", f.v, vocab);
            JsonNode type = owner.get("LoaiDoiTuong");
            String typeCode = type == null || !type.isIntegralNumber() ? null : type.asText();
            if (typeCode == null || !vocab.knownApplicantType(typeCode)) {
                o.fail("LoaiDoiTuong", "applicant-type.known", "LoaiDoiTuong is 1 (citizen), 2 (enterprise), 3 (state body) or 4 (other)");
            } else {
                String identifier = vocab.requiredIdentifier(typeCode);
                if ("enterpriseCode".equals(identifier)) {
                    o.text("TenDoanhNghiep", true);
                    String code = o.text("MaSoDoanhNghiep", true);
                    if (code != null && Identifiers.enterpriseCode(code) != null) {
                        o.fail("MaSoDoanhNghiep", Identifiers.enterpriseCode(code),
                                Identifiers.enterpriseCodeMessage("MaSoDoanhNghiep"));
                    }
                } else {
                    o.text("HoTen", true);
                }
                if ("personalId".equals(identifier)) {
                    String id = o.text("SoDinhDanh", true);
                    if (id != null) {
                        String rule = Identifiers.personalId(id, vocab.provinces(), null, OffsetDateTime.now(clock).getYear());
                        if (rule != null) {
                            o.fail("SoDinhDanh", rule, Identifiers.personalIdMessage("SoDinhDanh", rule));
                        }
                    }
                }
            }
            o.check(ContactFormats.phone(o.path("SoDienThoai"), "SoDienThoai", o.text("SoDienThoai", false)));
            o.check(ContactFormats.email(o.path("Email"), "Email", o.text("Email", false)));
        }
        f.documents(false);
    }

    private void payment(Fields f, JsonNode data, CallbackVocabulary vocab) {
        f.dossier("MaHoSo");
        f.text("MaThamChieu", true);
        f.text("MaGiaoDich", true);
        JsonNode amount = data.get("SoTien");
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() <= 0) {
            f.fail("SoTien", "amount.positive-integer", "SoTien is a positive integer number of đồng");
        }
        String status = f.text("TrangThai", true);
        if (status != null && !vocab.knownPaymentStatus(status)) {
            f.fail("TrangThai", "payment-status.known", "TrangThai is one of " + new java.util.TreeSet<>(vocab.paymentStatuses()));
        }
        f.time("ThoiDiem");
        f.text("MaKenhThanhToan", true);
        String codeField = vocab.get("payment.code.field");
        JsonNode code = data.get(codeField);
        if (code != null && !code.isNull() && f.v.isEmpty()) {
            if (!code.isTextual() || paymentSecret == null || paymentSecret.isBlank()
                    || !PaymentCode.matches(data, vocab.paymentCodeFields(), paymentSecret, code.asText())) {
                f.fail(codeField, "payment.code", codeField + " does not match the payment result");
            }
        }
    }

    /** Rule helpers over one JSON object, collecting violations under a path prefix. */
    private static final class Fields {
        final JsonNode data;
        final String prefix;
        final List<Violation> v;
        final CallbackVocabulary vocab;

        Fields(JsonNode data, String prefix, List<Violation> v, CallbackVocabulary vocab) {
            this.data = data;
            this.prefix = prefix;
            this.v = v;
            this.vocab = vocab;
        }

        void fail(String field, String rule, String message) {
            v.add(Violation.of(path(field), rule, message));
        }

        String path(String field) {
            return prefix + "." + field;
        }

        /** Adds a shared rule's violation, if any. */
        void check(Violation violation) {
            if (violation != null) {
                v.add(violation);
            }
        }

        String text(String field, boolean required) {
            JsonNode n = data.get(field);
            if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
                if (required) {
                    fail(field, "required", field + " is required");
                }
                return null;
            }
            if (!n.isTextual()) {
                fail(field, "type.string", field + " is a string");
                return null;
            }
            if (n.asText().length() > MAX_TEXT) {
                fail(field, "length", field + " is at most " + MAX_TEXT + " characters");
                return null;
            }
            return n.asText();
        }

        void dossier(String field) {
            String code = text(field, true);
            if (code != null && Identifiers.dossierCode(code) != null) {
                fail(field, Identifiers.dossierCode(code),
                        field + " is <agency code>-<yyMMdd>-<NNNN> with a real date, e.g. 000.00.12.H47-241124-0001");
            }
        }

        void time(String field) {
            String t = text(field, true);
            if (t != null) {
                try {
                    ZonedDateTime.parse(t, vocab.portalTime());
                } catch (DateTimeParseException e) {
                    fail(field, "datetime.format", field + " is yyyyMMddHHmmss (Vietnam time)");
                }
            }
        }

        void documents(boolean required) {
            JsonNode docs = data.get("TaiLieuNop");
            if (docs == null || docs.isNull()) {
                if (required) {
                    fail("TaiLieuNop", "required", "TaiLieuNop lists at least one document");
                }
                return;
            }
            if (!docs.isArray() || docs.size() > MAX_DOCUMENTS || (required && docs.isEmpty())) {
                fail("TaiLieuNop", "list.size", "TaiLieuNop is a list of " + (required ? 1 : 0) + " to " + MAX_DOCUMENTS + " documents");
                return;
            }
            for (int i = 0; i < docs.size(); i++) {
                JsonNode d = docs.get(i);
                String at = "TaiLieuNop[" + i + "]";
                if (!d.isObject()) {
                    fail(at, "type.object", at + " is a JSON object");
                    continue;
                }
                Fields doc = new Fields(d, prefix + "." + at, v, vocab);
                doc.text("TenTepDinhKem", true);
                doc.check(ContactFormats.httpLink(doc.path("DuongDanTaiTepTin"), "DuongDanTaiTepTin", doc.text("DuongDanTaiTepTin", true)));
                doc.text("MaThanhPhanHoSo", false);
            }
        }
    }
}
