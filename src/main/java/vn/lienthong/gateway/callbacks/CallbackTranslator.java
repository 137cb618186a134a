package vn.lienthong.gateway.callbacks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.onestop.OneStopDestination;

/**
 * Turns a valid callback into what the outbox keeps: the one-stop request (path and body) already in the
 * one-stop system's vocabulary, so a later change of mappings/ does not alter accepted callbacks; the
 * ordering partition (the dossier); the kind as event type.
 */
public class CallbackTranslator {
    public static final String SOURCE = "national-portal";

    public NewEvent translate(JsonNode envelope, CallbackVocabulary vocab, String idemKey, OffsetDateTime occurredAt) {
        CallbackVocabulary.Kind kind = vocab.kind(envelope.get(vocab.get("envelope.kind")).asText());
        JsonNode data = envelope.get(vocab.get("envelope.data"));
        ObjectNode enriched = data.deepCopy();
        for (String field : kind.dates()) {
            JsonNode t = data.get(field);
            if (t != null && t.isTextual()) {
                enriched.put(field, iso(t.asText(), vocab.portalTime()));
            }
        }
        String dossier = dossierOf(envelope, vocab);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("kind", kind.code());
        payload.put("path", kind.path().replace("{dossierCode}", URLEncoder.encode(dossier, StandardCharsets.UTF_8)));
        payload.set("body", kind.template().apply(enriched));
        return new NewEvent(SOURCE, idemKey, vn.lienthong.gateway.delivery.RequestHash.of(envelope), OneStopDestination.NAME, dossier,
                kind.code(), OneStopDestination.OPERATION, OneStopDestination.NAME, payload.toString(), occurredAt);
    }

    /** The dossier a valid callback is about: its ordering partition. */
    public static String dossierOf(JsonNode envelope, CallbackVocabulary vocab) {
        CallbackVocabulary.Kind kind = vocab.kind(envelope.get(vocab.get("envelope.kind")).asText());
        return envelope.get(vocab.get("envelope.data")).get(kind.dossierField()).asText();
    }

    static String iso(String portalTime, DateTimeFormatter format) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.parse(portalTime, format));
    }
}
