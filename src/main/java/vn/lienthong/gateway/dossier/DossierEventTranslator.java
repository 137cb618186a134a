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
 */
public class DossierEventTranslator {
    public static final String EVENT_TYPE = "dossier-status";

    public NewEvent translate(JsonNode event, DossierVocabulary vocab, String source, boolean firstOfDossier) {
        ObjectNode enriched = event.deepCopy();
        enriched.put("procedureNationalCode", Identifiers.nationalProcedureCode(event.get("procedureCode").asText()));
        enriched.set("catalogue", vocab.procedure(event.get("procedureCode").asText()).recordFields());
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        ObjectNode meta = payload.putObject("meta");
        meta.put("status", event.get("status").asText());
        if (event.hasNonNull("note")) {
            meta.put("note", event.get("note").asText());
        }
        payload.set("record", vocab.recordTemplate().apply(enriched));
        payload.set("progress", event.hasNonNull("step") ? vocab.progressTemplate().apply(enriched) : null);
        String status = event.get("status").asText();
        String operation = firstOfDossier || vocab.opensDossier(status)
                ? NationalPortalDestination.CREATE : NationalPortalDestination.UPDATE;
        return new NewEvent(source, event.get("eventId").asText(), RequestHash.of(event), NationalPortalDestination.NAME,
                event.get("dossierCode").asText(), EVENT_TYPE, operation, event.get("agencyCode").asText(),
                payload.toString(), OffsetDateTime.parse(event.get("occurredAt").asText()));
    }
}
