package vn.lienthong.gateway.callbacks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.delivery.AcceptOutcome;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.portal.PortalScalars;
import vn.lienthong.gateway.onestop.OneStopDestination;

/**
 * Accepts portal callbacks, pushed or polled: validate, translate, store under the idempotency key (committed
 * when this returns), wake the one-stop dispatcher. Logs message ids, kinds and dossier codes only.
 */
public class CallbackService {
    private static final Logger log = LoggerFactory.getLogger(CallbackService.class);

    /** One callback to accept: the envelope, its idempotency key and when the portal sent it (may be null). */
    public record Callback(JsonNode envelope, String idemKey, OffsetDateTime sentAt) {
    }

    /** What became of one callback. */
    public record Result(Outcome outcome, String dossier, List<Violation> violations) {
        public enum Outcome { ACCEPTED, DUPLICATE, CONFLICT, REJECTED }
    }

    private final CallbackValidator validator;
    private final CallbackTranslator translator;
    private final DeliveryStore store;
    private final DeliveryEngine engine;
    private final PaymentResults payments;
    private volatile CallbackVocabulary vocab;

    public CallbackService(CallbackValidator validator, CallbackTranslator translator, DeliveryStore store,
                           DeliveryEngine engine, MappingRegistry mappings) {
        this(validator, translator, store, engine, mappings, PaymentResults.NONE);
    }

    /** {@code payments}: THANH_TOAN items of transactions this gateway opened settle them (PaymentResults). */
    public CallbackService(CallbackValidator validator, CallbackTranslator translator, DeliveryStore store,
                           DeliveryEngine engine, MappingRegistry mappings, PaymentResults payments) {
        this.payments = payments;
        this.validator = validator;
        this.translator = translator;
        this.store = store;
        this.engine = engine;
        mappings.onChange(m -> {
            CallbackVocabulary next;
            try {
                next = CallbackVocabulary.from(m);
            } catch (RuntimeException bad) {
                if (vocab == null) {
                    throw bad;
                }
                log.error("reloaded mappings cannot serve the portal callbacks; they keep the previous tables: {}", bad.getMessage());
                return;
            }
            vocab = next;
        });
    }

    public CallbackVocabulary vocabulary() {
        return vocab;
    }

    /** Validates each callback on its own; the valid ones are committed together before this returns. */
    public List<Result> accept(List<Callback> callbacks) {
        CallbackVocabulary v = vocab;
        Result[] results = new Result[callbacks.size()];
        List<NewEvent> toStore = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < callbacks.size(); i++) {
            Callback c = callbacks.get(i);
            JsonNode envelope = PortalScalars.canonical(c.envelope(), v.integerFields());
            List<Violation> violations = validator.validate(envelope, v);
            if (!violations.isEmpty()) {
                results[i] = new Result(Result.Outcome.REJECTED, null, violations);
                continue;
            }
            if ("THANH_TOAN".equals(envelope.get(v.get("envelope.kind")).asText())) {
                JsonNode data = envelope.get(v.get("envelope.data"));
                Optional<Result> settled = payments.apply(data, "PAID".equals(v.paymentStatusWord(data.path("TrangThai").asText())));
                if (settled.isPresent()) {
                    results[i] = settled.get();
                    continue;
                }
            }
            toStore.add(translator.translate(envelope, v, c.idemKey(), c.sentAt()));
            positions.add(i);
        }
        if (!toStore.isEmpty()) {
            List<AcceptOutcome> stored = store.accept(toStore);
            for (int j = 0; j < stored.size(); j++) {
                AcceptOutcome o = stored.get(j);
                Result.Outcome outcome = switch (o.kind()) {
                    case ACCEPTED -> Result.Outcome.ACCEPTED;
                    case DUPLICATE -> Result.Outcome.DUPLICATE;
                    case CONFLICT -> Result.Outcome.CONFLICT;
                };
                results[positions.get(j)] = new Result(outcome, o.event().partitionKey(), List.of());
                log.info("portal callback {} ({}, dossier {}): {}", o.event().idemKey(), o.event().eventType(),
                        o.event().partitionKey(), outcome);
            }
            engine.wake(OneStopDestination.NAME);
        }
        return List.of(results);
    }

    /**
     * The idempotency key of a polled item, which carries no message id: kind, dossier and a hash of the whole
     * envelope. The portal offers an unacknowledged item again unchanged, so it maps to the same key; two items
     * identical in every field collapse into one, which is harmless for every kind.
     */
    public String pollKey(JsonNode envelope) {
        CallbackVocabulary v = vocab;
        String kind = envelope.get(v.get("envelope.kind")).asText();
        String dossier = CallbackTranslator.dossierOf(envelope, v);
        return "poll:" + kind + ":" + dossier + ":" + vn.lienthong.gateway.delivery.RequestHash.of(envelope).substring(0, 32);
    }
}
