package vn.lienthong.gateway.civilstatus;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.delivery.RequestHash;
import vn.lienthong.gateway.onestop.OneStopDestination;

/**
 * What the one-stop system receives for a dossier taken in: one POST to the module's path, in its English vocabulary,
 * with the files as links it fetches from the gateway with its own key (GET /api/v1/civil-status/files/{id}, scope
 * civil-status:read), each with size and SHA-256 so it can check what it got. Ordered per dossier (the portal code).
 */
final class OneStopDossiers {
    static final String SOURCE = "civil-status";
    static final String FILES_PATH = "/api/v1/civil-status/files/";
    static final String STATUS_PATH = "/api/v1/civil-status/statuses";

    private final String publicBaseUrl;

    OneStopDossiers(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** The idempotency key of a dossier's one-stop event: one per dossier, whatever the attempt. */
    static String key(String portalCode) {
        return "dossier:" + portalCode;
    }

    NewEvent event(String portalCode, String eventType, String kind, String path, ObjectNode fields, List<StoredFile> files,
                   int skipped, OffsetDateTime now) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("kind", kind).put("portalCode", portalCode);
        body.setAll(fields);
        ArrayNode list = body.putArray("files");
        for (StoredFile f : files) {
            ObjectNode o = list.addObject().put("name", f.name());
            if (f.title() != null) {
                o.put("title", f.title());
            }
            o.put("kind", f.kind()).put("mediaType", f.mediaType()).put("size", f.size()).put("sha256", f.sha256())
                    .put("url", publicBaseUrl + FILES_PATH + f.id());
        }
        body.put("skippedFiles", skipped);
        body.put("statusUrl", publicBaseUrl + STATUS_PATH);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("kind", eventType).put("path", path);
        payload.set("body", body);
        String key = key(portalCode);
        return new NewEvent(SOURCE, key, RequestHash.of(JsonNodeFactory.instance.textNode(key)), OneStopDestination.NAME,
                portalCode, eventType, OneStopDestination.OPERATION, OneStopDestination.NAME, payload.toString(), now);
    }
}
