package vn.lienthong.gateway.national.portal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.delivery.DeliveryDestination;
import vn.lienthong.gateway.delivery.DeliveryDestination.PartDone;
import vn.lienthong.gateway.delivery.DeliveryResult;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.national.guard.NationalFailure;

/**
 * Delivers dossier events to the portal. An event's payload has up to two parts: the dossier record
 * (DongBoHoSoMC, part 1) and a progress entry (CapNhatTienDoHoSoMC, part 2). Records of a batch travel in
 * one call per agency and operation; a create answered "exists" goes again, at once, as an update; then
 * the progress entries of the events whose record is applied. An applied progress entry is committed
 * before anything else is sent, so an entry the portal appended is never sent again. An applied record is
 * committed with its event's progress entry (one commit per batch instead of two): the portal keeps the
 * latest record of a dossier, so a crash in between only sends that record again; a record whose entry
 * did not go is committed on its own at the end of the round, so its retry sends the entry only.
 */
public class NationalPortalDestination implements DeliveryDestination {
    private static final Logger log = LoggerFactory.getLogger(NationalPortalDestination.class);
    public static final String NAME = "national-portal";
    public static final String CREATE = "create";
    public static final String UPDATE = "update";

    private final NationalPortalClient client;
    private final Supplier<PortalProtocol> protocol;
    private final CircuitBreaker breaker;
    private final ObjectMapper json;
    private final int maxBatch;
    private final Duration longestRequest;
    private final RecordCompletion completion;

    public NationalPortalDestination(NationalPortalClient client, Supplier<PortalProtocol> protocol, CircuitBreaker breaker,
                                     ObjectMapper json, int maxBatch, Duration longestRequest) {
        this(client, protocol, breaker, json, maxBatch, longestRequest, RecordCompletion.NONE);
    }

    public NationalPortalDestination(NationalPortalClient client, Supplier<PortalProtocol> protocol, CircuitBreaker breaker,
                                     ObjectMapper json, int maxBatch, Duration longestRequest, RecordCompletion completion) {
        this.client = client;
        this.protocol = protocol;
        this.breaker = breaker;
        this.json = json;
        this.maxBatch = maxBatch;
        this.longestRequest = longestRequest;
        this.completion = completion;
    }

    /** One POST: the quota wait, connecting and the answer (gateway.portal.*). A login before it carries no events. */
    @Override
    public Duration longestRequest() {
        return longestRequest;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public Duration holdOff() {
        return breaker.getState() == CircuitBreaker.State.OPEN ? Duration.ofMillis(500) : Duration.ZERO;
    }

    /** The mutable state of one event while its batch is worked on. */
    private static final class Work {
        final StoredEvent event;
        final JsonNode record;
        final JsonNode progress;
        int partsDone;
        String operation;
        DeliveryResult result;
        /** The record was applied in this round and its commit waits for the progress entry's. */
        boolean recordUncommitted;

        Work(StoredEvent event, JsonNode payload) {
            this.event = event;
            this.record = payload.get("record");
            JsonNode p = payload.get("progress");
            this.progress = p == null || p.isNull() ? null : p;
            this.partsDone = event.partsDone();
            this.operation = event.operation();
        }

        int parts() {
            return progress == null ? 1 : 2;
        }
    }

    @Override
    public List<DeliveryResult> deliver(List<StoredEvent> batch, PartsProgress progress) {
        PortalProtocol p = protocol.get();
        List<Work> work = new ArrayList<>();
        for (StoredEvent e : batch) {
            try {
                work.add(new Work(e, json.readTree(e.payload())));
            } catch (IOException bad) {
                Work w = new Work(e, json.createObjectNode());
                w.result = DeliveryResult.permanent(e, "stored payload unreadable: " + bad.getMessage());
                work.add(w);
            }
        }
        List<Work> records = work.stream().filter(w -> w.result == null && w.partsDone < 1).toList();
        try {
            completion.complete(records.stream().map(w -> (ObjectNode) w.record).toList());
        } catch (RuntimeException unreadable) {
            records.forEach(w -> w.result = DeliveryResult.transientFailure(w.event,
                    "records not completed: " + unreadable.getMessage(), null));
            records = List.of();
        }
        sendRecords(p, records, progress);
        List<Work> entries = work.stream().filter(w -> w.result == null && w.partsDone == 1 && w.parts() == 2).toList();
        sendProgress(p, entries, progress);
        List<PartDone> recordsOnly = work.stream().filter(w -> w.recordUncommitted && w.partsDone == 1)
                .map(w -> new PartDone(w.event, 1, w.operation, false)).toList();
        if (!recordsOnly.isEmpty()) {
            progress.partsDone(recordsOnly);
        }
        List<DeliveryResult> results = new ArrayList<>();
        for (Work w : work) {
            if (w.result == null && w.partsDone >= w.parts()) {
                w.result = DeliveryResult.delivered(w.event);
            }
            if (w.result == null) {
                w.result = DeliveryResult.transientFailure(w.event, "not completed in this round", null);
            }
            results.add(w.result);
        }
        return results;
    }

    private void sendRecords(PortalProtocol p, List<Work> records, PartsProgress progress) {
        Map<String, List<Work>> groups = new LinkedHashMap<>();
        for (Work w : records) {
            groups.computeIfAbsent(w.operation + "|" + w.event.groupKey(), k -> new ArrayList<>()).add(w);
        }
        for (List<Work> group : groups.values()) {
            List<Work> exists = call(p, p.get("service.syncDossier"), group, w -> w.record, true, progress);
            if (!exists.isEmpty()) {
                exists.forEach(w -> w.operation = UPDATE);
                List<Work> again = call(p, p.get("service.syncDossier"), exists, w -> w.record, true, progress);
                again.forEach(w -> w.result = DeliveryResult.transientFailure(w.event, "portal says the dossier exists to an update", null));
            }
        }
    }

    private void sendProgress(PortalProtocol p, List<Work> entries, PartsProgress progress) {
        Map<String, List<Work>> groups = new LinkedHashMap<>();
        for (Work w : entries) {
            groups.computeIfAbsent(w.event.groupKey(), k -> new ArrayList<>()).add(w);
        }
        for (List<Work> group : groups.values()) {
            call(p, p.get("service.progress"), group, w -> w.progress, false, progress);
        }
    }

    /**
     * One call for a group; settles each event's part or failure and answers those a create found existing.
     * A call-level permanent refusal of several records is split into single calls, so one bad record does not
     * take its neighbours down with it.
     */
    private List<Work> call(PortalProtocol p, String service, List<Work> group, java.util.function.Function<Work, JsonNode> part,
                            boolean recordPart, PartsProgress progress) {
        ArrayNode data = json.createArrayNode();
        group.forEach(w -> data.add(part.apply(w)));
        String updating = !recordPart ? null
                : CREATE.equals(group.get(0).operation) ? p.get("request.updating.create") : p.get("request.updating.update");
        List<StoredEvent> events = group.stream().map(w -> w.event).toList();
        JsonNode answer;
        try {
            // Before each POST of these events (the first, and the one after a new login): all still claimed, long enough.
            answer = client.integration(service, group.get(0).event.groupKey(), updating, data, () -> {
                if (progress.hold(events).size() != events.size()) {
                    throw NationalFailure.of(NationalPortalClient.SYSTEM, NationalFailure.Kind.HELD_BACK,
                            "not sent: the claim of some of its events was taken over or could not be renewed");
                }
            });
        } catch (NationalFailure e) {
            for (Work w : group) {
                w.result = e.resultFor(w.event, service);
            }
            return List.of();
        }
        String code = NationalPortalClient.code(p, answer);
        PortalProtocol.Outcome callOutcome = p.outcome(code);
        if (!p.known(code)) {
            log.warn("portal answered unknown error_code '{}' to {}; retrying as transient", code, service);
        }
        if (callOutcome == PortalProtocol.Outcome.PERMANENT && group.size() > 1 && !hasResults(p, answer)) {
            List<Work> exists = new ArrayList<>();
            for (Work w : group) {
                exists.addAll(call(p, service, List.of(w), part, recordPart, progress));
            }
            return exists;
        }
        Map<String, JsonNode> perRecord = results(p, answer);
        List<Work> exists = new ArrayList<>();
        List<PartDone> applied = new ArrayList<>();
        for (Work w : group) {
            String key = part.apply(w).path(p.get("record.key")).asText();
            JsonNode r = perRecord.get(key);
            String recCode = r == null ? code : NationalPortalClient.code(p, r);
            String msg = r == null ? NationalPortalClient.message(p, answer) : NationalPortalClient.message(p, r);
            PortalProtocol.Outcome o = callOutcome == PortalProtocol.Outcome.SUCCESS ? p.outcome(recCode) : callOutcome;
            String reason = service + " error_code " + (callOutcome == PortalProtocol.Outcome.SUCCESS ? recCode : code)
                    + (msg.isBlank() ? "" : " (" + msg + ")");
            switch (o) {
                case SUCCESS -> {
                    w.partsDone = recordPart ? 1 : 2;
                    boolean last = w.partsDone >= w.parts();
                    w.recordUncommitted = recordPart && !last;
                    if (!w.recordUncommitted) {
                        applied.add(new PartDone(w.event, w.partsDone, w.operation, last));
                    }
                }
                case EXISTS -> {
                    if (recordPart && CREATE.equals(w.operation)) {
                        exists.add(w);
                    } else {
                        w.result = DeliveryResult.transientFailure(w.event, reason, null);
                    }
                }
                case PERMANENT -> w.result = DeliveryResult.permanent(w.event, reason);
                case TRANSIENT, SESSION_EXPIRED -> w.result = DeliveryResult.transientFailure(w.event, reason, null);
            }
        }
        if (!applied.isEmpty()) {
            progress.partsDone(applied);
        }
        return exists;
    }

    private static boolean hasResults(PortalProtocol p, JsonNode answer) {
        JsonNode r = answer.get(p.get("answer.results"));
        return r != null && r.isArray() && !r.isEmpty();
    }

    private static Map<String, JsonNode> results(PortalProtocol p, JsonNode answer) {
        Map<String, JsonNode> m = new HashMap<>();
        JsonNode r = answer.get(p.get("answer.results"));
        if (r != null && r.isArray()) {
            r.forEach(n -> m.put(n.path(p.get("record.key")).asText(), n));
        }
        return m;
    }
}
