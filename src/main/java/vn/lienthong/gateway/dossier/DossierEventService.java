package vn.lienthong.gateway.dossier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.delivery.AcceptOutcome;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.portal.NationalPortalDestination;

/** Accepts dossier status events: validate, translate, store with the idempotency key, wake the dispatcher. */
public class DossierEventService {

    /** What became of one submitted event. */
    public record Result(Outcome outcome, StoredEvent event, List<Violation> violations) {
        public enum Outcome { ACCEPTED, DUPLICATE, CONFLICT, REJECTED }
    }

    private final DossierEventValidator validator;
    private final DossierEventTranslator translator;
    private final DeliveryStore store;
    private final DeliveryEngine engine;
    private volatile DossierVocabulary vocab;

    public DossierEventService(DossierEventValidator validator, DossierEventTranslator translator, DeliveryStore store,
                               DeliveryEngine engine, MappingRegistry mappings) {
        this.validator = validator;
        this.translator = translator;
        this.store = store;
        this.engine = engine;
        mappings.onChange(m -> vocab = DossierVocabulary.from(m));
    }

    /** Validates every event on its own; the valid ones are committed together before this returns. */
    public List<Result> accept(List<JsonNode> events, String source) {
        DossierVocabulary v = vocab;
        Result[] results = new Result[events.size()];
        List<NewEvent> toStore = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Set<String> dossiersInBatch = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            List<Violation> violations = validator.validate(e, v);
            if (!violations.isEmpty()) {
                results[i] = new Result(Result.Outcome.REJECTED, null, violations);
                continue;
            }
            String dossier = e.get("dossierCode").asText();
            boolean first = !dossiersInBatch.contains(dossier)
                    && !store.partitionHasEvents(NationalPortalDestination.NAME, dossier);
            dossiersInBatch.add(dossier);
            toStore.add(translator.translate(e, v, source, first));
            positions.add(i);
        }
        if (!toStore.isEmpty()) {
            List<AcceptOutcome> stored = store.accept(toStore);
            for (int j = 0; j < stored.size(); j++) {
                AcceptOutcome o = stored.get(j);
                results[positions.get(j)] = new Result(switch (o.kind()) {
                    case ACCEPTED -> Result.Outcome.ACCEPTED;
                    case DUPLICATE -> Result.Outcome.DUPLICATE;
                    case CONFLICT -> Result.Outcome.CONFLICT;
                }, o.event(), List.of());
            }
            engine.wake(NationalPortalDestination.NAME);
        }
        return List.of(results);
    }

    public List<StoredEvent> events(String dossierCode) {
        return store.byPartition(NationalPortalDestination.NAME, dossierCode);
    }

    public DossierVocabulary vocabulary() {
        return vocab;
    }
}
