package vn.lienthong.gateway.callbacks;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.lienthong.gateway.mapping.MappingEntry;
import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.MappingTable;
import vn.lienthong.gateway.mapping.Mappings;
import vn.lienthong.gateway.mapping.RecordTemplate;
import vn.lienthong.gateway.national.portal.PortalProtocol;

/**
 * The portal-callbacks flow's view of one mappings snapshot: the callback names, the five kinds with their
 * one-stop path and compiled template, and the code tables. Building it is the flow's start-up and reload
 * check: a table that cannot serve fails here with file, line and reason.
 */
public final class CallbackVocabulary {
    public static final String PROTOCOL = "portal-callbacks-protocol";
    public static final String KINDS = "portal-callback-kinds";
    public static final String APPLICANT_TYPES = "one-stop-applicant-types";
    public static final String PAYMENT_STATUSES = "one-stop-payment-statuses";
    /** The kinds the code knows how to validate; the table must list exactly these. */
    public static final Set<String> KNOWN_KINDS = Set.of("HOSO_MOI", "BO_SUNG_HOSO", "RUT_HOSO", "THANH_TOAN", "DANH_GIA");
    private static final Set<String> REQUIRED = Set.of("header.messageId", "header.timestamp", "header.signature",
            "envelope.kind", "envelope.data", "poll.service.list", "poll.service.ack", "poll.answer.items", "poll.ack.key",
            "payment.code.field", "payment.code.fields", "data.integer-fields");

    /** One kind of callback and where it goes. */
    public record Kind(String code, String eventType, String dossierField, String path, RecordTemplate template,
                       List<String> dates) {
    }

    private final MappingTable protocol;
    private final Map<String, Kind> kinds;
    private final MappingTable applicantTypes;
    private final MappingTable paymentStatuses;
    private final Set<String> provinces;
    private final DateTimeFormatter portalTime;
    private final Set<String> integerFields;

    private CallbackVocabulary(Mappings m) {
        this.protocol = m.table(PROTOCOL);
        for (String k : REQUIRED) {
            if (protocol.find(k).isEmpty()) {
                throw new MappingException(protocol.file(), 0, "missing key '" + k + "'");
            }
        }
        this.integerFields = Set.of(get("data.integer-fields").split("\\|"));
        this.applicantTypes = m.table(APPLICANT_TYPES);
        for (MappingEntry e : applicantTypes.entries()) {
            e.requireString("type");
            String id = e.string("identifier");
            if (id != null && !Set.of("personalId", "enterpriseCode").contains(id)) {
                throw new MappingException(applicantTypes.file(), e.line(), "identifier must be personalId or enterpriseCode");
            }
        }
        this.paymentStatuses = m.table(PAYMENT_STATUSES);
        paymentStatuses.entries().forEach(e -> e.requireString("status"));
        this.provinces = m.table("province-codes").byKey().keySet();
        this.portalTime = PortalProtocol.from(m).dateTime();
        MappingTable table = m.table(KINDS);
        Map<String, Kind> k = new LinkedHashMap<>();
        for (MappingEntry e : table.entries()) {
            String code = e.requireString("kind");
            if (!KNOWN_KINDS.contains(code)) {
                throw new MappingException(table.file(), e.line(), "unknown kind '" + code + "' (known: " + KNOWN_KINDS + ")");
            }
            String path = e.requireString("path");
            if (!path.startsWith("/")) {
                throw new MappingException(table.file(), e.line(), "path must start with /");
            }
            String template = e.requireString("template");
            if (!m.has(template)) {
                throw new MappingException(table.file(), e.line(), "template table '" + template + "' does not exist");
            }
            k.put(code, new Kind(code, e.requireString("eventType"), e.requireString("dossierField"), path,
                    RecordTemplate.compile(m.table(template), m, Map.of()), dates(table, e)));
        }
        for (String known : KNOWN_KINDS) {
            if (!k.containsKey(known)) {
                throw new MappingException(table.file(), 0, "kind " + known + " has no entry");
            }
        }
        this.kinds = Map.copyOf(k);
    }

    private static List<String> dates(MappingTable table, MappingEntry e) {
        Object v = e.value("dates");
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new MappingException(table.file(), e.line(), "'dates' must be a list of field names");
        }
        List<String> out = new ArrayList<>();
        l.forEach(x -> out.add(String.valueOf(x)));
        return List.copyOf(out);
    }

    public static CallbackVocabulary from(Mappings m) {
        return new CallbackVocabulary(m);
    }

    public String get(String key) { return protocol.setting(key); }
    public Kind kind(String code) { return kinds.get(code); }
    public Set<String> kinds() { return kinds.keySet(); }
    public DateTimeFormatter portalTime() { return portalTime; }
    public Set<String> provinces() { return provinces; }
    public boolean knownApplicantType(String portalCode) { return applicantTypes.find(portalCode).isPresent(); }
    public String requiredIdentifier(String portalCode) {
        return applicantTypes.find(portalCode).map(e -> e.string("identifier")).orElse(null);
    }
    public boolean knownPaymentStatus(String code) { return paymentStatuses.find(code).isPresent(); }
    public Set<String> paymentStatuses() { return paymentStatuses.byKey().keySet(); }
    /** The one-stop status word of a payment result's TrangThai (PAID, FAILED), or null when unknown. */
    public String paymentStatusWord(String code) {
        return paymentStatuses.find(code).map(e -> e.requireString("status")).orElse(null);
    }
    public List<String> paymentCodeFields() { return Arrays.asList(get("payment.code.fields").split("\\|")); }
    /** Fields of callback data read as integers; every other scalar is read as text. */
    public Set<String> integerFields() { return integerFields; }
}
