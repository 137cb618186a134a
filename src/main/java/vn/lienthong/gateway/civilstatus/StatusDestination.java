package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.delivery.DeliveryDestination;
import vn.lienthong.gateway.delivery.DeliveryResult;
import vn.lienthong.gateway.delivery.StoredEvent;

/**
 * The linked civil-status service as a destination of the delivery engine: each progress report is one status message
 * (POST), in order per dossier; a result's certificate is read from the file store and put into ketQuaXuLy (a JSON
 * text) only when sent. The answer's text is judged by mappings/civil-status-answers.yaml: SUCCESS and FINAL are
 * delivered, RETRY is retried by the engine, PERMANENT goes DEAD with the answer as reason.
 */
public class StatusDestination implements DeliveryDestination {
    private static final Logger log = LoggerFactory.getLogger(StatusDestination.class);
    public static final String NAME = "civil-status";

    private final CivilStatusClient client;
    private final Supplier<CivilStatusVocabulary> vocab;
    private final FileStore files;
    private final CivilStatusProperties cfg;
    private final ObjectMapper json;

    StatusDestination(CivilStatusClient client, Supplier<CivilStatusVocabulary> vocab, FileStore files, CivilStatusProperties cfg,
                      ObjectMapper json) {
        this.client = client;
        this.vocab = vocab;
        this.files = files;
        this.cfg = cfg;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxBatch() {
        return cfg.getMaxBatch();
    }

    @Override
    public CircuitBreaker circuitBreaker() {
        return client.breaker();
    }

    @Override
    public Duration holdOff() {
        return client.breaker().getState() == CircuitBreaker.State.OPEN ? Duration.ofMillis(500) : Duration.ZERO;
    }

    @Override
    public Duration longestRequest() {
        return cfg.longestRequest();
    }

    @Override
    public List<DeliveryResult> deliver(List<StoredEvent> batch, PartsProgress progress) {
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        for (StoredEvent e : batch) {
            if (!holdOff().isZero()) {
                results.add(DeliveryResult.notAttempted(e, "circuit breaker open", null));
            } else if (progress.hold(List.of(e)).isEmpty()) {
                results.add(DeliveryResult.notAttempted(e, "not sent: its claim was taken over or could not be renewed", null));
            } else {
                results.add(send(e));
            }
        }
        return results;
    }

    private DeliveryResult send(StoredEvent e) {
        String body;
        try {
            body = body(json.readTree(e.payload()));
        } catch (IOException unreadable) {
            return DeliveryResult.permanent(e, "stored report or its certificate unreadable: " + unreadable.getMessage());
        }
        CivilStatusClient.Answer a;
        try {
            a = client.status(body);
        } catch (NationalFailure failed) {
            return failed.resultFor(e, null);
        }
        CivilStatusVocabulary.Outcome outcome = vocab.get().judge(Answers.words(a.text()));
        if (outcome == CivilStatusVocabulary.Outcome.RETRY && a.status() >= 400) {
            outcome = CivilStatusVocabulary.Outcome.PERMANENT;
        }
        String reason = "status " + e.eventType() + " answered HTTP " + a.status() + ": " + Answers.brief(a.text());
        return switch (outcome) {
            case SUCCESS -> DeliveryResult.delivered(e);
            case FINAL -> {
                log.info("civil-status dossier {}: the service had it final or unknown; report {} counted as delivered ({})",
                        e.partitionKey(), e.id(), Answers.brief(a.text()));
                yield DeliveryResult.delivered(e);
            }
            case RETRY -> DeliveryResult.transientFailure(e, reason, null);
            case PERMANENT -> DeliveryResult.permanent(e, reason);
        };
    }

    /** The status message as sent: the stored body, with the result (and its certificate) as a JSON text. */
    private String body(JsonNode payload) throws IOException {
        ObjectNode body = (ObjectNode) payload.get("body");
        if (payload.hasNonNull("result")) {
            ObjectNode result = ((ObjectNode) payload.get("result")).deepCopy();
            String file = payload.path("certificateFile").asText(null);
            if (file != null) {
                try (InputStream in = files.open(file)) {
                    byte[] certificate = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cfg.getMaxCertificate().toBytes() + 1));
                    result.put(payload.path("certificateField").asText("certificate"), Base64.getEncoder().encodeToString(certificate));
                }
            }
            body.put("ketQuaXuLy", result.toString());
        }
        return body.toString();
    }
}
