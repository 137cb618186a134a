package vn.lienthong.gateway.ops;

import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

import vn.lienthong.gateway.api.HttpReply;
import vn.lienthong.gateway.api.Problem;
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

    public void destinations(Exchange ex) {
        ObjectNode out = json.createObjectNode();
        ArrayNode arr = out.putArray("destinations");
        engine.destinations().forEach(d -> arr.add(stats(engine.control(d))));
        HttpReply.json(ex, 200, out);
    }

    public void destination(Exchange ex) {
        DeliveryControl c = control(ex);
        if (c != null) {
            HttpReply.json(ex, 200, stats(c));
        }
    }

    public void dead(Exchange ex) {
        DeliveryControl c = control(ex);
        if (c == null) {
            return;
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode arr = out.putArray("dead");
        engine.deadEvents(c.getDestination(), 500).forEach(e -> arr.addObject()
                .put("id", e.id()).put("eventId", e.idemKey()).put("partition", e.partitionKey())
                .put("attempts", e.attempts()).put("lastError", e.lastError())
                .put("acceptedAt", String.valueOf(e.acceptedAt())));
        HttpReply.json(ex, 200, out);
    }

    public void replay(Exchange ex) {
        DeliveryControl c = control(ex);
        Long id = eventId(ex);
        if (c != null && id != null) {
            answer(ex, c.replay(id), "replayed", "event " + id + " is not DEAD at " + c.getDestination());
        }
    }

    public void skip(Exchange ex) {
        DeliveryControl c = control(ex);
        Long id = eventId(ex);
        if (c != null && id != null) {
            answer(ex, c.skip(id), "skipped", "event " + id + " cannot be skipped at " + c.getDestination()
                    + " (only DEAD or waiting events can)");
        }
    }

    public void replayAllDead(Exchange ex) {
        DeliveryControl c = control(ex);
        if (c != null) {
            HttpReply.json(ex, 200, json.createObjectNode().put("replayed", c.replayAllDead()));
        }
    }

    public void pause(Exchange ex) {
        DeliveryControl c = control(ex);
        if (c != null) {
            c.pause();
            HttpReply.json(ex, 200, stats(c));
        }
    }

    public void resume(Exchange ex) {
        DeliveryControl c = control(ex);
        if (c != null) {
            c.resume();
            HttpReply.json(ex, 200, stats(c));
        }
    }

    public void mappingVersions(Exchange ex) {
        ObjectNode out = json.createObjectNode();
        out.put("location", mappings.current().location());
        out.set("versions", json.valueToTree(mappings.current().versions()));
        HttpReply.json(ex, 200, out);
    }

    public void reloadMappings(Exchange ex) {
        try {
            mappings.reload();
            mappingVersions(ex);
        } catch (RuntimeException e) {
            HttpReply.problem(ex, Problem.of(422, "mappings-refused", "Mappings refused",
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

    private DeliveryControl control(Exchange ex) {
        String d = ex.getMessage().getHeader("destination", String.class);
        try {
            return engine.control(d);
        } catch (NoSuchElementException e) {
            HttpReply.problem(ex, Problem.of(404, "not-found", "Unknown destination", e.getMessage()));
            return null;
        }
    }

    private Long eventId(Exchange ex) {
        String id = ex.getMessage().getHeader("id", String.class);
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            HttpReply.problem(ex, Problem.invalid(java.util.List.of(vn.lienthong.gateway.api.Violation.of("id",
                    "type.integer", "id is the numeric event id shown by GET /api/v1/dossiers/{code}/events"))));
            return null;
        }
    }

    private void answer(Exchange ex, boolean done, String what, String refusal) {
        if (done) {
            HttpReply.json(ex, 200, json.createObjectNode().put("result", what));
        } else {
            HttpReply.problem(ex, Problem.of(409, "not-allowed", "Not allowed in this state", refusal));
        }
    }
}
