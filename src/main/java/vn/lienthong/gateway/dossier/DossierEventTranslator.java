package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.delivery.RequestHash;
import vn.lienthong.gateway.identifiers.Identifiers;
import vn.lienthong.gateway.national.portal.NationalPortalDestination;

/**
 * Turns a valid dossier event into what the outbox keeps: the portal record and progress entry already in
 * the portal's vocabulary (so a later change of mappings/ does not alter accepted events), the ordering
 * partition (the dossier), the call group (the agency, the portal's madonvi) and create or update.
 *
 * <p>Before the templates run, a private copy of the event gets what the gateway adds itself, under
 * {@code gateway}: the owner's ID number (the national databases the dossier used are filled in when the record
 * is sent, NationalDatabasesCompletion); each supplement request gets {@code completed}; the
 * older {@code paidOnline} becomes {@code onlinePayment}; a dossier paid through the national payment platform gets
 * {@code onlinePayment} NATIONAL_PORTAL and, when the event lists no fees, the fees paid there; and an event whose status word is always in the
 * timeline gets, when it has no step, a step of its own made of what the event says (at occurredAt, the open
 * supplement request's reason as its content, the officer left empty).
 */
public class DossierEventTranslator {
    public static final String EVENT_TYPE = "dossier-status";

    private final PlatformPayments payments;

    public DossierEventTranslator() {
        this(PlatformPayments.NONE);
    }

    /** {@code payments}: a dossier paid through the national payment platform gets its fees and online payment 1. */
    public DossierEventTranslator(PlatformPayments payments) {
        this.payments = payments;
    }

    public NewEvent translate(JsonNode event, DossierVocabulary vocab, String source, boolean firstOfDossier) {
        ObjectNode enriched = event.deepCopy();
        enriched.put("procedureNationalCode", Identifiers.nationalProcedureCode(event.get("procedureCode").asText()));
        enriched.set("catalogue", vocab.procedure(event.get("procedureCode").asText()).recordFields());
        ObjectNode gateway = enriched.putObject("gateway");
        JsonNode applicant = event.path("applicant");
        JsonNode owner = applicant.hasNonNull("personalId") ? applicant.get("personalId") : applicant.get("enterpriseCode");
        if (owner != null && !owner.isNull()) {
            gateway.set("ownerDocumentNumber", owner);
        }
        if (event.hasNonNull("paidOnline")) {
            enriched.put("onlinePayment", event.get("paidOnline").asBoolean() ? "NATIONAL_PORTAL" : "NONE");
        }
        java.util.Optional<JsonNode> paid = payments.paidFees(event.get("dossierCode").asText());
        if (paid.isPresent()) {
            enriched.put("onlinePayment", "NATIONAL_PORTAL");
            JsonNode fees = event.get("fees");
            if (fees == null || !fees.isArray() || fees.isEmpty()) {
                enriched.set("fees", paid.get().deepCopy());
            }
        }
        JsonNode supplements = enriched.get("supplements");
        if (supplements != null && supplements.isArray()) {
            supplements.forEach(s -> ((ObjectNode) s).put("completed", s.hasNonNull("completedAt")));
        }
        String status = event.get("status").asText();
        if (!event.hasNonNull("step") && vocab.alwaysInTimeline(status)) {
            enriched.set("step", stepOf(event));
        }

        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        ObjectNode meta = payload.putObject("meta");
        meta.put("status", status);
        if (event.hasNonNull("note")) {
            meta.put("note", event.get("note").asText());
        }
        ObjectNode record = vocab.recordTemplate().apply(enriched);
        ObjectNode progress = enriched.hasNonNull("step") ? vocab.progressTemplate().apply(enriched) : null;
        vocab.textLimits().cut(record, progress);
        payload.set("record", record);
        payload.set("progress", progress);
        String operation = firstOfDossier || vocab.opensDossier(status)
                ? NationalPortalDestination.CREATE : NationalPortalDestination.UPDATE;
        return new NewEvent(source, event.get("eventId").asText(), RequestHash.of(event), NationalPortalDestination.NAME,
                event.get("dossierCode").asText(), EVENT_TYPE, operation, event.get("agencyCode").asText(),
                payload.toString(), OffsetDateTime.parse(event.get("occurredAt").asText()));
    }

    /** The timeline entry of an event that gave no step: when it happened, and the open supplement request's reason. */
    private static ObjectNode stepOf(JsonNode event) {
        ObjectNode step = JsonNodeFactory.instance.objectNode();
        step.put("officer", "");
        JsonNode supplements = event.path("supplements");
        JsonNode last = supplements.isArray() && !supplements.isEmpty() ? supplements.get(supplements.size() - 1) : null;
        step.put("content", last != null && !last.hasNonNull("completedAt") ? last.path("reason").asText("") : "");
        step.set("startedAt", event.get("occurredAt"));
        return step;
    }

    /** The value at a dotted path of an event, or null when absent or JSON null. */
    static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode n = node;
        for (String p : dottedPath.split("\\.")) {
            n = n == null ? null : n.get(p);
        }
        return n == null || n.isNull() ? null : n;
    }
}
