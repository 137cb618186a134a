package vn.lienthong.gateway.dossier;

import static vn.lienthong.gateway.dossier.EventFields.bool;
import static vn.lienthong.gateway.dossier.EventFields.dateTime;
import static vn.lienthong.gateway.dossier.EventFields.text;
import static vn.lienthong.gateway.dossier.EventFields.unknownFields;
import static vn.lienthong.gateway.dossier.EventFields.word;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.identifiers.ContactFormats;
import vn.lienthong.gateway.identifiers.Identifiers;

/**
 * Every rule a dossier event must pass before it is stored, each violation naming its field and rule.
 * Format rules come from the national identifier schemes; known codes from mappings/.
 */
public class DossierEventValidator {
    private static final Set<String> FIELDS = Set.of("eventId", "dossierCode", "procedureCode", "agencyCode", "agencyName",
            "status", "occurredAt", "submittedAt", "receivedAt", "dueAt", "finishedAt", "returnedAt", "rejectedAt", "channel",
            "submittedVia", "resultDelivery", "summary", "applicant", "step", "documents", "results", "fees", "supplements",
            "digitised", "onlinePayment", "paidOnline", "note");
    private static final Set<String> APPLICANT = Set.of("type", "name", "personalId", "enterpriseCode", "birthDate", "email", "phone",
            "portalAccountId", "vneidVerified");
    private static final Set<String> STEP = Set.of("officer", "title", "department", "content", "startedAt", "deadline");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");
    private static final Pattern BIRTH = Pattern.compile("(\\d{4})(-\\d{2}-\\d{2})?");

    private final Clock clock;

    public DossierEventValidator(Clock clock) {
        this.clock = clock;
    }

    public List<Violation> validate(JsonNode event, DossierVocabulary vocab) {
        List<Violation> v = new ArrayList<>();
        if (event == null || !event.isObject()) {
            v.add(Violation.of("$", "type.object", "an event is a JSON object"));
            return v;
        }
        unknownFields(event, FIELDS, "", v);
        String eventId = text(event, "eventId", true, 100, v, "");
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            v.add(Violation.of("eventId", "event-id.format", "eventId is 1-100 characters of letters, digits and . _ : -"));
        }
        String dossier = text(event, "dossierCode", true, 100, v, "");
        if (dossier != null && Identifiers.dossierCode(dossier) != null) {
            v.add(Violation.of("dossierCode", Identifiers.dossierCode(dossier),
                    "dossierCode is <agency code>-<yyMMdd>-<NNNN> with a real date, e.g. 000.00.12.H47-241124-0001"));
        }
        String procedure = text(event, "procedureCode", true, 40, v, "");
        if (procedure != null) {
            if (Identifiers.procedureCode(procedure) != null) {
                v.add(Violation.of("procedureCode", "procedure-code.format", "procedureCode is d.dddddd, optionally followed by an agency code"));
            } else {
                Violation refused = vocab.procedure(procedure).violation("procedureCode");
                if (refused != null) {
                    v.add(refused);
                }
            }
        }
        String agency = text(event, "agencyCode", true, 20, v, "");
        if (agency != null && Identifiers.agencyCode(agency) != null) {
            v.add(Violation.of("agencyCode", "agency-code.format", "agencyCode is ddd.dd.dd.Xdd, e.g. 000.00.12.H47"));
        }
        text(event, "agencyName", false, 300, v, "");
        String status = text(event, "status", true, 40, v, "");
        if (status != null && !vocab.knownStatus(status)) {
            v.add(Violation.unknown("status", "status.unknown", "status '" + status + "' is not in mappings/dossier-status.yaml (known: "
                    + vocab.statuses() + ")"));
        }
        dateTime(event, "occurredAt", true, v, "");
        for (String f : List.of("submittedAt", "receivedAt", "dueAt", "finishedAt", "returnedAt", "rejectedAt")) {
            dateTime(event, f, false, v, "");
        }
        String channel = text(event, "channel", false, 40, v, "");
        if (channel != null && !vocab.knownChannel(channel)) {
            v.add(Violation.unknown("channel", "channel.unknown", "channel '" + channel + "' is not in mappings/channels.yaml (known: "
                    + vocab.channels() + ")"));
        }
        word(event, "submittedVia", vocab.words("submittedVia"), "submitted-via.unknown", v, "");
        word(event, "resultDelivery", vocab.words("resultDelivery"), "result-delivery.unknown", v, "");
        word(event, "onlinePayment", vocab.words("onlinePayment"), "online-payment.unknown", v, "");
        text(event, "summary", false, 2000, v, "");
        text(event, "note", false, 2000, v, "");
        bool(event, "digitised", v, "");
        bool(event, "paidOnline", v, "");
        if (event.hasNonNull("paidOnline") && event.hasNonNull("onlinePayment")) {
            v.add(Violation.of("paidOnline", "online-payment.conflict",
                    "paidOnline is the older form of onlinePayment (true: NATIONAL_PORTAL, false: NONE); send onlinePayment only"));
        }
        applicant(event.get("applicant"), vocab, v);
        step(event.get("step"), v);
        EventListsValidator.validate(event, vocab, v);
        v.addAll(vocab.textLimits().refusals(event, v));
        return v;
    }

    private void applicant(JsonNode a, DossierVocabulary vocab, List<Violation> v) {
        if (a == null || a.isNull()) {
            return;
        }
        if (!a.isObject()) {
            v.add(Violation.of("applicant", "type.object", "applicant is an object"));
            return;
        }
        unknownFields(a, APPLICANT, "applicant.", v);
        String type = text(a, "type", true, 40, v, "applicant.");
        if (type != null && !vocab.knownApplicantType(type)) {
            v.add(Violation.unknown("applicant.type", "applicant-type.unknown", "applicant type '" + type
                    + "' is not in mappings/applicant-types.yaml (known: " + vocab.applicantTypes() + ")"));
        }
        text(a, "name", false, 200, v, "applicant.");
        Integer birthYear = null;
        String birth = text(a, "birthDate", false, 10, v, "applicant.");
        if (birth != null) {
            var m = BIRTH.matcher(birth);
            if (!m.matches()) {
                v.add(Violation.of("applicant.birthDate", "birth-date.format", "birthDate is yyyy-MM-dd or yyyy"));
            } else {
                try {
                    if (m.group(2) != null) {
                        LocalDate.parse(birth);
                    }
                    birthYear = Integer.parseInt(m.group(1));
                } catch (DateTimeParseException e) {
                    v.add(Violation.of("applicant.birthDate", "birth-date.format", "birthDate is not a real date"));
                }
            }
        }
        String required = type == null ? null : vocab.requiredIdentifier(type);
        String pid = text(a, "personalId", "personalId".equals(required), 12, v, "applicant.");
        if (pid != null) {
            String rule = Identifiers.personalId(pid, vocab.provinces(), birthYear, LocalDate.now(clock).getYear());
            if (rule != null) {
                v.add(Violation.of("applicant.personalId", rule, Identifiers.personalIdMessage("personalId", rule)));
            }
        }
        String ent = text(a, "enterpriseCode", "enterpriseCode".equals(required), 14, v, "applicant.");
        if (ent != null && Identifiers.enterpriseCode(ent) != null) {
            v.add(Violation.of("applicant.enterpriseCode", Identifiers.enterpriseCode(ent),
                    Identifiers.enterpriseCodeMessage("enterpriseCode")));
        }
        Violation email = ContactFormats.email("applicant.email", "email", text(a, "email", false, 254, v, "applicant."));
        if (email != null) {
            v.add(email);
        }
        Violation phone = ContactFormats.phone("applicant.phone", "phone", text(a, "phone", false, 20, v, "applicant."));
        if (phone != null) {
            v.add(phone);
        }
        text(a, "portalAccountId", false, 100, v, "applicant.");
        bool(a, "vneidVerified", v, "applicant.");
    }

    private void step(JsonNode s, List<Violation> v) {
        if (s == null || s.isNull()) {
            return;
        }
        if (!s.isObject()) {
            v.add(Violation.of("step", "type.object", "step is an object"));
            return;
        }
        unknownFields(s, STEP, "step.", v);
        text(s, "officer", true, 200, v, "step.");
        text(s, "title", false, 200, v, "step.");
        text(s, "department", false, 300, v, "step.");
        text(s, "content", true, 2000, v, "step.");
        dateTime(s, "startedAt", true, v, "step.");
        dateTime(s, "deadline", false, v, "step.");
    }
}
