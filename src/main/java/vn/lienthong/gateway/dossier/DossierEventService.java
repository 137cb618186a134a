package vn.lienthong.gateway.dossier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.audit.NationalDataUse;
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
    private final NationalDataUse dataUse;
    private volatile DossierVocabulary vocab;

    public DossierEventService(DossierEventValidator validator, DossierEventTranslator translator, DeliveryStore store,
                               DeliveryEngine engine, MappingRegistry mappings, NationalDataUse dataUse) {
        this.validator = validator;
        this.translator = translator;
        this.store = store;
        this.engine = engine;
        this.dataUse = dataUse;
        mappings.onChange(m -> vocab = DossierVocabulary.from(m));
    }

    /** Validates every event on its own; the valid ones are committed together before this returns. */
    public List<Result> accept(List<JsonNode> events, String source) {
        DossierVocabulary v = vocab;
        Result[] results = new Result[events.size()];
        List<Integer> valid = new ArrayList<>();
        Set<String> dossiers = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            List<Violation> violations = validator.validate(events.get(i), v);
            if (!violations.isEmpty()) {
                results[i] = new Result(Result.Outcome.REJECTED, null, violations);
                continue;
            }
            valid.add(i);
            dossiers.add(events.get(i).get("dossierCode").asText());
        }
        // what the gateway itself knows the dossiers used (DSKetNoiCSDL): an indexed query, or memory
        Map<String, Set<String>> databases = dataUse.databasesUsed(dossiers, v.databaseCodes().keySet());
        List<NewEvent> toStore = new ArrayList<>();
        Set<String> dossiersInBatch = new HashSet<>();
        for (int i : valid) {
            JsonNode e = events.get(i);
            String dossier = e.get("dossierCode").asText();
            boolean first = !dossiersInBatch.contains(dossier)
                    && !store.partitionHasEvents(NationalPortalDestination.NAME, dossier);
            dossiersInBatch.add(dossier);
            toStore.add(translator.translate(e, v, source, first, databases.getOrDefault(dossier, Set.of())));
        }
        if (!toStore.isEmpty()) {
            List<AcceptOutcome> stored = store.accept(toStore);
            for (int j = 0; j < stored.size(); j++) {
                AcceptOutcome o = stored.get(j);
                results[valid.get(j)] = new Result(switch (o.kind()) {
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
