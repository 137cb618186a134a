package vn.lienthong.gateway.ops;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.delivery.DeliveryControl;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.mapping.MappingRegistry;

/** The /admin routes (routes/admin.camel.yaml): the same views and operations as the JMX MBeans. */
public class AdminApi {
    private final DeliveryEngine engine;
    private final MappingRegistry mappings;
    private final ObjectMapper json;

    public AdminApi(DeliveryEngine engine, MappingRegistry mappings, ObjectMapper json) {
        this.engine = engine;
        this.mappings = mappings;
        this.json = json;
    }

    public ApiReply destinations(ApiRequest request) {
        ObjectNode out = json.createObjectNode();
        ArrayNode arr = out.putArray("destinations");
        engine.destinations().forEach(d -> arr.add(stats(engine.control(d))));
        return ApiReply.json(200, out);
    }

    public ApiReply destination(ApiRequest request) {
        return withControl(request, c -> ApiReply.json(200, stats(c)));
    }

    public ApiReply dead(ApiRequest request) {
        return withControl(request, c -> {
            ObjectNode out = json.createObjectNode();
            ArrayNode arr = out.putArray("dead");
            engine.deadEvents(c.getDestination(), 500).forEach(e -> arr.addObject()
                    .put("id", e.id()).put("eventId", e.idemKey()).put("partition", e.partitionKey())
                    .put("attempts", e.attempts()).put("lastError", e.lastError())
                    .put("acceptedAt", String.valueOf(e.acceptedAt())));
            return ApiReply.json(200, out);
        });
    }

    public ApiReply replay(ApiRequest request) {
        return withEvent(request, (c, id) -> answer(c.replay(id), "replayed", "event " + id + " is not DEAD at " + c.getDestination()));
    }

    public ApiReply skip(ApiRequest request) {
        return withEvent(request, (c, id) -> answer(c.skip(id), "skipped", "event " + id + " cannot be skipped at "
                + c.getDestination() + " (only DEAD or waiting events can)"));
    }

    public ApiReply replayAllDead(ApiRequest request) {
        return withControl(request, c -> ApiReply.json(200, json.createObjectNode().put("replayed", c.replayAllDead())));
    }

    public ApiReply pause(ApiRequest request) {
        return withControl(request, c -> {
            c.pause();
            return ApiReply.json(200, stats(c));
        });
    }

    public ApiReply resume(ApiRequest request) {
        return withControl(request, c -> {
            c.resume();
            return ApiReply.json(200, stats(c));
        });
    }

    public ApiReply mappingVersions(ApiRequest request) {
        ObjectNode out = json.createObjectNode();
        out.put("location", mappings.current().location());
        out.set("versions", json.valueToTree(mappings.current().versions()));
        return ApiReply.json(200, out);
    }

    public ApiReply reloadMappings(ApiRequest request) {
        try {
            mappings.reload();
            return mappingVersions(request);
        } catch (RuntimeException e) {
            return ApiReply.problem(Problem.of(422, "mappings-refused", "Mappings refused",
                    e.getMessage() + " (the running mappings stay in use)"));
        }
    }

    private ObjectNode stats(DeliveryControl c) {
        return json.createObjectNode()
                .put("destination", c.getDestination())
                .put("paused", c.isPaused())
                .put("breakerState", c.getBreakerState())
                .put("pending", c.getPending())
                .put("inFlight", c.getInFlight())
                .put("dead", c.getDead())
                .put("delivered", c.getDelivered())
                .put("skipped", c.getSkipped())
                .put("failedTotal", c.getFailedTotal())
                .put("oldestPendingAgeSeconds", c.getOldestPendingAgeSeconds());
    }

    /** The destination the path names, or 404. */
    private ApiReply withControl(ApiRequest request, Function<DeliveryControl, ApiReply> action) {
        DeliveryControl c;
        try {
            c = engine.control(request.header("destination"));
        } catch (NoSuchElementException e) {
            return ApiReply.problem(Problem.of(404, "not-found", "Unknown destination", e.getMessage()));
        }
        return action.apply(c);
    }

    /** The destination and the event id the path names; a malformed id is refused before an unknown destination. */
    private ApiReply withEvent(ApiRequest request, BiFunction<DeliveryControl, Long, ApiReply> action) {
        long id;
        try {
            id = Long.parseLong(request.header("id"));
        } catch (NumberFormatException e) {
            return ApiReply.invalid(List.of(Violation.of("id", "type.integer",
                    "id is the numeric event id shown by GET /api/v1/dossiers/{code}/events")));
        }
        return withControl(request, c -> action.apply(c, id));
    }

    private ApiReply answer(boolean done, String what, String refusal) {
        if (done) {
            return ApiReply.json(200, json.createObjectNode().put("result", what));
        }
        return ApiReply.problem(Problem.of(409, "not-allowed", "Not allowed in this state", refusal));
    }
}
