package vn.lienthong.gateway.onestop;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.delivery.DeliveryDestination;
import vn.lienthong.gateway.delivery.DeliveryResult;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.identifiers.Identifiers;
import vn.lienthong.gateway.national.GuardedRoute;
import vn.lienthong.gateway.national.NationalCallObserver;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;

/**
 * The provincial one-stop system as a destination of the delivery engine: each stored callback is one POST of
 * its already translated body to its path, through the route {@code direct:one-stop.call}
 * (routes/one-stop-forwarding.camel.yaml) within the system's {@link NationalGuard}. 2xx delivered; 408, 429,
 * 5xx, timeouts and connection errors are transient and count against the breaker; any other answer is permanent
 * (the event goes DEAD and waits for replay or skip) and does not.
 */
public class OneStopDestination implements DeliveryDestination {
    private static final Logger log = LoggerFactory.getLogger(OneStopDestination.class);
    public static final String NAME = "one-stop";
    /** The system named in its failures and their messages. */
    public static final String SYSTEM = "one-stop system";
    public static final String OPERATION = "POST";
    public static final String ROUTE = "direct:one-stop.call";
    public static final String PATH_PROPERTY = "oneStopPath";
    /** Sent with every call, so the one-stop system can drop the rare repeat after a crash between answer and commit. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String KIND_HEADER = "X-Gateway-Event-Type";

    private static final java.util.regex.Pattern DIGIT_RUN = java.util.regex.Pattern.compile("\\d{9,}");

    private final GuardedRoute route;
    private final OneStopProperties cfg;
    private final CircuitBreaker breaker;
    private volatile NationalCallObserver observer = NationalCallObserver.NONE;
    private final ObjectMapper json;

    public OneStopDestination(ProducerTemplate producer, OneStopProperties cfg, NationalGuard guard, ObjectMapper json) {
        this.route = route(producer, guard);
        this.cfg = cfg;
        this.breaker = guard.breaker();
        this.json = json;
    }

    /** The system's guard: named one-stop in metrics, JMX and health; its failures name the "one-stop system". */
    public static NationalGuard guard(OneStopProperties cfg) {
        return new NationalGuard(NAME, SYSTEM, cfg, null);
    }

    /** The one-stop calls within {@code guard}: a 5xx, 429 or 408 counts against its breaker, any other 4xx does not. */
    public static GuardedRoute route(ProducerTemplate producer, NationalGuard guard) {
        return new GuardedRoute(producer, ROUTE, guard, true);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every call's duration goes to {@code o} (lienthong_national_call_seconds{system="one-stop"}). */
    public void observe(NationalCallObserver o) {
        this.observer = o == null ? NationalCallObserver.NONE : o;
    }

    @Override
    public int maxBatch() {
        return Math.max(1, cfg.getMaxBatch());
    }

    @Override
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public Duration holdOff() {
        return breaker.getState() == CircuitBreaker.State.OPEN ? Duration.ofMillis(500) : Duration.ZERO;
    }

    /** One POST: the waits for a slot and a quota permit (when a quota is set), connecting and the answer. */
    @Override
    public Duration longestRequest() {
        Duration quotaWait = cfg.getRateLimitPerSecond() > 0 ? cfg.getRateLimitWait() : Duration.ZERO;
        return cfg.getMaxWait().plus(quotaWait).plusMillis(cfg.getConnectTimeoutMs()).plusMillis(cfg.getResponseTimeoutMs());
    }

    @Override
    public List<DeliveryResult> deliver(List<StoredEvent> batch, PartsProgress progress) {
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        for (StoredEvent e : batch) {
            if (!holdOff().isZero()) {
                results.add(DeliveryResult.notAttempted(e, "circuit breaker open", null));
                continue;
            }
            if (progress.hold(List.of(e)).isEmpty()) {
                results.add(DeliveryResult.notAttempted(e, "not sent: its claim was taken over or could not be renewed", null));
                continue;
            }
            results.add(deliverOne(e));
        }
        return results;
    }

    private DeliveryResult deliverOne(StoredEvent e) {
        JsonNode payload;
        try {
            payload = json.readTree(e.payload());
        } catch (IOException bad) {
            return DeliveryResult.permanent(e, "stored payload unreadable: " + bad.getMessage());
        }
        String path = payload.path("path").asText();
        String body = payload.path("body").toString();
        long start = System.nanoTime();
        Exchange ex;
        try {
            ex = route.send(x -> {
                x.setProperty(PATH_PROPERTY, path);
                x.getIn().setHeader(cfg.getApiKeyHeader(), cfg.getApiKey());
                x.getIn().setHeader(IDEMPOTENCY_HEADER, e.source() + ":" + e.idemKey());
                x.getIn().setHeader(KIND_HEADER, e.eventType());
                x.getIn().setBody(body);
            });
        } catch (NationalFailure failure) {
            DeliveryResult failed = failure.resultFor(e, null);
            observer.called(NAME, e.eventType(), failed.kind() == DeliveryResult.Kind.NOT_ATTEMPTED ? "not_sent" : "failed",
                    System.nanoTime() - start);
            return failed;
        }
        int status = ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        observer.called(NAME, e.eventType(), status >= 200 && status < 300 ? "ok" : "failed", System.nanoTime() - start);
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered(e);
        }
        String answer = abbreviate(ex.getMessage().getBody(String.class));
        log.warn("one-stop system refused event {} ({}, dossier {}) with HTTP {}", e.id(), e.eventType(), e.partitionKey(), status);
        return DeliveryResult.permanent(e, "one-stop system answered HTTP " + status + " to POST " + path + ": " + answer);
    }

    /** Short, and with long digit runs masked: an answer may echo a personal ID, and the reason is logged and kept. */
    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return DIGIT_RUN.matcher(cut).replaceAll(m -> Identifiers.mask(m.group()));
    }
}
