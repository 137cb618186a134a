package vn.lienthong.gateway.callbacks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.national.portal.NationalPortalClient;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.portal.PortalProtocol;

/**
 * The poll side of the portal callbacks: asks LayDanhSachHoSo for waiting items, commits them (one
 * transaction), and only then acknowledges the stored ones with CapNhatDaNhanHoSo. A crash or a failed
 * acknowledgement leaves the items at the portal; offered again, they map to the same idempotency key and
 * are recognised as repeats. An invalid item is not acknowledged (the portal keeps it) and is logged by
 * kind and rule only.
 */
public class PortalPoller {
    private static final Logger log = LoggerFactory.getLogger(PortalPoller.class);

    /** What one poll did. */
    public record Report(int offered, int accepted, int repeats, int rejected, int acknowledged) {
    }

    private final NationalPortalClient client;
    private final CallbackService service;
    private final Supplier<PortalProtocol> protocol;
    private final CallbackProperties cfg;
    private final ObjectMapper json;

    public PortalPoller(NationalPortalClient client, CallbackService service, Supplier<PortalProtocol> protocol,
                        CallbackProperties cfg, ObjectMapper json) {
        this.client = client;
        this.service = service;
        this.protocol = protocol;
        this.cfg = cfg;
        this.json = json;
    }

    /** Called by the timer of routes/portal-poll.camel.yaml; polls only in poll mode and never throws. */
    public void tick() {
        if (cfg.getMode() != CallbackProperties.Mode.POLL) {
            return;
        }
        try {
            pollOnce();
        } catch (NationalFailure e) {
            log.warn("polling the portal failed ({}); trying again next tick", e.getMessage());
        }
    }

    /** One round: list, store, acknowledge. */
    public synchronized Report pollOnce() {
        CallbackVocabulary v = service.vocabulary();
        PortalProtocol p = protocol.get();
        JsonNode answer = client.integration(v.get("poll.service.list"), cfg.getPollAgency(), null, json.createArrayNode());
        String code = NationalPortalClient.code(p, answer);
        if (p.outcome(code) != PortalProtocol.Outcome.SUCCESS) {
            log.warn("portal answered error_code {} to {}; trying again next tick", code, v.get("poll.service.list"));
            return new Report(0, 0, 0, 0, 0);
        }
        JsonNode items = answer.get(v.get("poll.answer.items"));
        if (items == null || !items.isArray() || items.isEmpty()) {
            return new Report(0, 0, 0, 0, 0);
        }
        List<CallbackService.Callback> callbacks = new ArrayList<>();
        items.forEach(item -> callbacks.add(new CallbackService.Callback(item, key(item, v), null)));
        List<CallbackService.Result> results = service.accept(callbacks);
        int accepted = 0;
        int repeats = 0;
        int rejected = 0;
        Set<String> acks = new LinkedHashSet<>();
        for (int i = 0; i < results.size(); i++) {
            CallbackService.Result r = results.get(i);
            switch (r.outcome()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> repeats++;
                default -> {
                    rejected++;
                    log.warn("polled item {} not stored ({}): {}", i, r.outcome(),
                            r.violations().stream().map(x -> x.field() + " " + x.rule()).toList());
                    continue;
                }
            }
            acks.add(ackKey(callbacks.get(i).envelope(), v));
        }
        int acknowledged = 0;
        if (!acks.isEmpty()) {
            ArrayNode data = json.createArrayNode();
            acks.forEach(k -> data.addObject().put(v.get("poll.ack.key"), k));
            JsonNode ack = client.integration(v.get("poll.service.ack"), cfg.getPollAgency(), null, data);
            String ackCode = NationalPortalClient.code(p, ack);
            if (p.outcome(ackCode) == PortalProtocol.Outcome.SUCCESS) {
                acknowledged = acks.size();
            } else {
                log.warn("portal answered error_code {} to {}; the items are offered again and recognised as repeats",
                        ackCode, v.get("poll.service.ack"));
            }
        }
        log.info("portal poll: {} offered, {} new, {} repeats, {} refused, {} acknowledged", items.size(), accepted,
                repeats, rejected, acknowledged);
        return new Report(items.size(), accepted, repeats, rejected, acknowledged);
    }

    private String key(JsonNode item, CallbackVocabulary v) {
        JsonNode kind = item.path(v.get("envelope.kind"));
        CallbackVocabulary.Kind k = kind.isTextual() ? v.kind(kind.asText()) : null;
        if (k == null || !item.path(v.get("envelope.data")).path(k.dossierField()).isTextual()) {
            return "poll:" + vn.lienthong.gateway.delivery.RequestHash.of(item).substring(0, 32);
        }
        return service.pollKey(item);
    }

    /** The acknowledgement names the item's MaHoSoQG, or its MaHoSo when it has none. */
    private static String ackKey(JsonNode item, CallbackVocabulary v) {
        JsonNode data = item.get(v.get("envelope.data"));
        JsonNode national = data.get(v.get("poll.ack.key"));
        if (national != null && national.isTextual()) {
            return national.asText();
        }
        return CallbackTranslator.dossierOf(item, v);
    }
}
