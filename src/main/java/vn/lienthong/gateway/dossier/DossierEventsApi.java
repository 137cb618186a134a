package vn.lienthong.gateway.dossier;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.identifiers.Identifiers;

/** The HTTP face of the dossier-events flow, called from routes/dossier-events.camel.yaml. */
public class DossierEventsApi {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DossierEventsApi.class);
    private final DossierEventService service;
    private final ObjectMapper json;
    private final DossierApiProperties cfg;

    public DossierEventsApi(DossierEventService service, ObjectMapper json, DossierApiProperties cfg) {
        this.service = service;
        this.json = json;
        this.cfg = cfg;
    }

    /** POST /api/v1/dossier-events: 202 stored, 200 exact repeat, 409 known key with another body, 400/422 invalid. */
    public ApiReply accept(ApiRequest request) {
        ApiRequest.Json event = request.readJson();
        if (event.refused()) {
            return event.problem();
        }
        DossierEventService.Result r = service.accept(List.of(event.tree()), request.client()).get(0);
        return switch (r.outcome()) {
            case REJECTED -> {
                // Field names and rules only: the values may be personal data.
                log.info("dossier event refused: {}", r.violations().stream().map(v -> v.field() + " " + v.rule()).toList());
                yield ApiReply.invalid(r.violations());
            }
            case CONFLICT -> ApiReply.problem(conflict(r.event()));
            case ACCEPTED -> ApiReply.json(202, view(r.event()));
            case DUPLICATE -> ApiReply.json(200, view(r.event()));
        };
    }

    /** POST /api/v1/dossier-events/batch: {"events":[…]} of up to max-batch-size; one result per event. */
    public ApiReply acceptBatch(ApiRequest request) {
        ApiRequest.Json read = request.readJson();
        if (read.refused()) {
            return read.problem();
        }
        JsonNode body = read.tree();
        JsonNode events = body.isObject() ? body.get("events") : null;
        if (events == null || !events.isArray()) {
            return ApiReply.invalid(List.of(Violation.of("events", "required", "the body is {\"events\": [ … ]}")));
        }
        if (events.isEmpty() || events.size() > cfg.getMaxBatchSize()) {
            return ApiReply.invalid(List.of(Violation.of("events", "list.size", "events holds 1 to " + cfg.getMaxBatchSize() + " events")));
        }
        List<JsonNode> list = new ArrayList<>();
        events.forEach(list::add);
        List<DossierEventService.Result> results = service.accept(list, request.client());
        ObjectNode out = json.createObjectNode();
        int accepted = 0;
        int rejected = 0;
        ArrayNode arr = out.putArray("results");
        for (int i = 0; i < results.size(); i++) {
            DossierEventService.Result r = results.get(i);
            ObjectNode item = arr.addObject();
            item.put("index", i);
            JsonNode id = list.get(i).get("eventId");
            item.put("eventId", id != null && id.isTextual() ? id.asText() : null);
            item.put("outcome", r.outcome().name());
            switch (r.outcome()) {
                case ACCEPTED -> { item.put("status", 202); item.set("event", view(r.event())); accepted++; }
                case DUPLICATE -> { item.put("status", 200); item.set("event", view(r.event())); accepted++; }
                case CONFLICT -> { item.put("status", 409); item.set("problem", conflict(r.event())); rejected++; }
                case REJECTED -> {
                    item.put("status", Problem.statusFor(r.violations()));
                    item.set("errors", Problem.errors(r.violations()));
                    rejected++;
                }
            }
        }
        out.put("accepted", accepted);
        out.put("rejected", rejected);
        return ApiReply.json(200, out);
    }

    /** GET /api/v1/dossiers/{dossierCode}/events: every event of a dossier with its delivery state. */
    public ApiReply events(ApiRequest request) {
        String code = request.header("dossierCode");
        if (code == null || Identifiers.dossierCode(code) != null) {
            return ApiReply.invalid(List.of(Violation.of("dossierCode", "dossier-code.format",
                    "dossierCode is <agency code>-<yyMMdd>-<NNNN>")));
        }
        List<StoredEvent> events = service.events(code);
        if (events.isEmpty()) {
            return ApiReply.problem(Problem.of(404, "not-found", "Unknown dossier", "no event of dossier " + code + " was received"));
        }
        ObjectNode out = json.createObjectNode();
        out.put("dossierCode", code);
        ArrayNode arr = out.putArray("events");
        events.forEach(e -> arr.add(view(e)));
        return ApiReply.json(200, out);
    }

    private ObjectNode conflict(StoredEvent existing) {
        ObjectNode p = Problem.of(409, "idempotency-conflict", "eventId already used",
                "eventId " + existing.idemKey() + " was accepted before with a different body; send a new eventId for a new event");
        p.set("event", view(existing));
        return p;
    }

    ObjectNode view(StoredEvent e) {
        ObjectNode v = json.createObjectNode();
        v.put("eventId", e.idemKey());
        v.put("id", e.id());
        v.put("dossierCode", e.partitionKey());
        try {
            JsonNode meta = json.readTree(e.payload()).path("meta");
            v.put("status", meta.path("status").asText(null));
        } catch (java.io.IOException ignored) {
            v.putNull("status");
        }
        v.put("destination", e.destination());
        v.put("state", e.state().name());
        v.put("attempts", e.attempts());
        v.put("acceptedAt", String.valueOf(e.acceptedAt()));
        v.put("nextAttemptAt", e.state().name().equals("RETRY_SCHEDULED") || e.state().name().equals("QUEUED")
                ? String.valueOf(e.nextAttemptAt()) : null);
        v.put("lastError", e.lastError());
        v.put("deliveredAt", e.deliveredAt() == null ? null : e.deliveredAt().toString());
        return v;
    }
}
