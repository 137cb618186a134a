package vn.lienthong.gateway.dossier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.delivery.NewEvent;
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
        return new NewEvent(source, event.get("eventId").asText(), hash(event), NationalPortalDestination.NAME,
                event.get("dossierCode").asText(), EVENT_TYPE, operation, event.get("agencyCode").asText(),
                payload.toString(), OffsetDateTime.parse(event.get("occurredAt").asText()));
    }

    /** SHA-256 of the event with object keys sorted, so key order and whitespace do not make a conflict. */
    public static String hash(JsonNode event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(event).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode canonical(JsonNode n) {
        if (n.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            for (String f : names) {
                if (!n.get(f).isNull()) {
                    sorted.set(f, canonical(n.get(f)));
                }
            }
            return sorted;
        }
        if (n.isArray()) {
            var arr = JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> arr.add(canonical(x)));
            return arr;
        }
        return n;
    }
}
