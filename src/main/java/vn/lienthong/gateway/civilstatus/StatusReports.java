package vn.lienthong.gateway.civilstatus;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.delivery.RequestHash;

/**
 * A one-stop system's progress report on a civil-status dossier: checked field by field, then translated into the
 * service's status message (trangThai, dates as dd/MM/yyyy HH:mm:ss Vietnam time) for the {@code civil-status}
 * destination, ordered per dossier. A result's certificate goes to the file store; the outbox keeps its file id.
 */
final class StatusReports {
    static final String SOURCE = "civil-status-report";
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final int MAX_TEXT = 2000;


    private final CivilStatusProperties cfg;

    StatusReports(CivilStatusProperties cfg) {
        this.cfg = cfg;
    }

    /** Every broken rule of the report; empty when it is valid. */
    List<Violation> check(JsonNode r, CivilStatusVocabulary v, Optional<Dossiers.Held> held) {
        List<Violation> out = new ArrayList<>();
        if (!r.isObject()) {
            return List.of(Violation.of("$", "body.object", "the body is a JSON object"));
        }
        text(r, "eventId", true, out).filter(s -> !EVENT_ID.matcher(s).matches()).ifPresent(s ->
                out.add(Violation.of("eventId", "event-id.format", "eventId is 1-100 of letters, digits and . _ : -")));
        Optional<String> code = text(r, "portalCode", true, out);
        code.filter(s -> !ListedDossier.CODE.matcher(s).matches()).ifPresent(s ->
                out.add(Violation.of("portalCode", "portal-code.format", "portalCode is the portal's dossier code (letters, digits, . _ : -)")));
        text(r, "oneStopCode", true, out).filter(s -> s.length() > 100).ifPresent(s ->
                out.add(Violation.of("oneStopCode", "one-stop-code.length", "oneStopCode is at most 100 characters")));
        date(r, "occurredAt", true, out);
        for (String f : List.of("startedAt", "dueAt", "supplementDeadline")) {
            date(r, f, false, out);
        }
        for (String f : List.of("officer", "officerTitle", "department", "content", "note")) {
            text(r, f, false, out).filter(s -> s.length() > MAX_TEXT).ifPresent(s ->
                    out.add(Violation.of(f, f + ".length", f + " is at most " + MAX_TEXT + " characters")));
        }
        Optional<CivilStatusVocabulary.Status> status = text(r, "status", true, out).flatMap(s -> {
            Optional<CivilStatusVocabulary.Status> known = v.status(s);
            if (known.isEmpty()) {
                out.add(Violation.unknown("status", "status.unknown", "status is one of " + v.statusWords()));
            }
            return known;
        });
        status.ifPresent(s -> s.requires().forEach(f -> {
            if (!r.hasNonNull(f)) {
                out.add(Violation.of(f, f + ".required", f + " is required for status " + s.word()));
            }
        }));
        if (r.hasNonNull("result")) {
            checkResult(r.get("result"), out);
        }
        if (out.isEmpty() && held.isEmpty()) {
            out.add(Violation.unknown("portalCode", "portal-code.unknown", "no dossier with this portalCode was taken in by the gateway"));
        }
        return out;
    }

    private void checkResult(JsonNode result, List<Violation> out) {
        if (!result.isObject()) {
            out.add(Violation.of("result", "result.object", "result is an object"));
            return;
        }
        text(result, "registrationNumber", true, out).filter(s -> s.length() > 100).ifPresent(s ->
                out.add(Violation.of("result.registrationNumber", "registration-number.length", "at most 100 characters")));
        for (String f : List.of("book", "page", "documentCode")) {
            text(result, f, false, out).filter(s -> s.length() > 100).ifPresent(s ->
                    out.add(Violation.of("result." + f, f + ".length", "at most 100 characters")));
        }
        Optional<String> cert = text(result, "certificate", true, out);
        cert.ifPresent(c -> {
            long max = cfg.getMaxCertificate().toBytes();
            if ((long) c.length() * 3 / 4 > max + 2) {
                out.add(Violation.of("result.certificate", "certificate.size", "the certificate is larger than " + max + " bytes"));
            } else {
                try {
                    if (Base64.getDecoder().decode(c).length == 0) {
                        out.add(Violation.of("result.certificate", "certificate.empty", "the certificate is empty"));
                    }
                } catch (IllegalArgumentException notBase64) {
                    out.add(Violation.of("result.certificate", "certificate.base64", "the certificate is standard Base64 without line breaks"));
                }
            }
        });
    }

    /** The decoded certificate of a valid report, or null when it carries none. */
    static byte[] certificate(JsonNode r) {
        JsonNode c = r.path("result").get("certificate");
        return c == null || !c.isTextual() ? null : Base64.getDecoder().decode(c.textValue());
    }

    /** The outbox event of a valid report; its certificate, when any, is the stored file {@code certificateFile}. */
    NewEvent translate(JsonNode r, CivilStatusVocabulary v, Dossiers.Held held, String client, OffsetDateTime now,
                       String certificateFile) {
        CivilStatusVocabulary.Status status = v.status(r.get("status").asText()).orElseThrow();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("maTTHC", held.procedureCode());
        body.put("soHoSoLT", held.portalCode());
        body.put("coQuanXuLy", Integer.parseInt(v.get("status.agency")));
        body.put("maHoSo", r.get("oneStopCode").asText());
        body.put("trangThai", status.code());
        body.put("thoiGianThucHien", format(r.get("occurredAt"), v));
        body.put("ghiChu", r.path("note").asText(""));
        body.putNull("ketQuaXuLy");
        body.put("nguoiXuLy", r.path("officer").asText(""));
        body.put("chucDanh", r.path("officerTitle").asText(""));
        body.put("phongBanXuLy", r.path("department").asText(""));
        body.put("noiDungXuLy", r.path("content").asText(""));
        body.put("ngayBatDau", format(r.get("startedAt"), v));
        body.put("ngayKetThucTheoQuyDinh", format(r.get("dueAt"), v));
        body.putNull("ngayHenTraTruoc");
        body.putNull("ngayHenTraMoi");
        body.put("hanBoSungHoSo", format(r.get("supplementDeadline"), v));
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set("body", body);
        if (r.hasNonNull("result")) {
            JsonNode res = r.get("result");
            CivilStatusVocabulary.Module module = v.module(held.module()).orElse(null);
            ObjectNode result = payload.putObject("result");
            result.put("soDangKy", res.get("registrationNumber").asText());
            result.put("quyenSo", res.path("book").asText(""));
            result.put("trangSo", res.path("page").asText(""));
            result.put("maGiayToKetQua", res.hasNonNull("documentCode") ? res.get("documentCode").asText()
                    : module == null ? "" : module.resultDocument());
            payload.put("certificateField", module == null ? "certificate" : module.certificateField());
            payload.put("certificateFile", certificateFile);
        }
        String key = client + ":" + r.get("eventId").asText();
        return new NewEvent(SOURCE, key, RequestHash.of(r), StatusDestination.NAME, held.portalCode(), status.word(),
                "POST", StatusDestination.NAME, payload.toString(), now);
    }

    private static String format(JsonNode iso, CivilStatusVocabulary v) {
        if (iso == null || iso.isNull()) {
            return null;
        }
        return OffsetDateTime.parse(iso.asText()).atZoneSameInstant(VIETNAM).format(v.dateTime());
    }

    private static Optional<String> text(JsonNode r, String field, boolean required, List<Violation> out) {
        JsonNode n = r.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                out.add(Violation.of(field, field + ".required", field + " is required"));
            }
            return Optional.empty();
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            out.add(Violation.of(field, field + ".text", field + " is a non-empty text"));
            return Optional.empty();
        }
        return Optional.of(n.textValue());
    }

    private static void date(JsonNode r, String field, boolean required, List<Violation> out) {
        text(r, field, required, out).ifPresent(s -> {
            try {
                OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                out.add(Violation.of(field, field + ".format", field + " is ISO-8601 with an offset, e.g. 2026-11-24T09:15:00+07:00"));
            }
        });
    }
}
