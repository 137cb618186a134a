package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.delivery.DeliveryDestination;
import vn.lienthong.gateway.delivery.DeliveryResult;
import vn.lienthong.gateway.delivery.StoredEvent;

/**
 * The taking-in of listed dossiers as a destination of the delivery engine: each listed dossier is an event (stored by
 * {@link CivilStatusPoller}), "delivered" once the dossier is stored whole, handed to the one-stop system's outbox and
 * acknowledged. So the engine gives the intake what it gives every delivery: one dossier at a time per dossier, retries
 * with backoff for an unreachable service or an unconfirmed acknowledgement, DEAD with the reason (and the
 * dead_letters alarm) for a dossier that is refused, replay and skip over JMX and /admin, and claims retaken after a
 * crash, mid-download included.
 */
public class IntakeDestination implements DeliveryDestination {
    private static final Logger log = LoggerFactory.getLogger(IntakeDestination.class);
    public static final String NAME = "civil-status-intake";
    public static final String EVENT_TYPE = "civil-status-listed";

    private final Intake intake;
    private final CircuitBreaker breaker;
    private final CivilStatusProperties cfg;
    private final ObjectMapper json;

    IntakeDestination(Intake intake, CircuitBreaker breaker, CivilStatusProperties cfg, ObjectMapper json) {
        this.intake = intake;
        this.breaker = breaker;
        this.cfg = cfg;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** One dossier per claim: its download may be long; other workers take the next dossiers meanwhile. */
    @Override
    public int maxBatch() {
        return 1;
    }

    @Override
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public Duration holdOff() {
        return breaker.getState() == CircuitBreaker.State.OPEN ? Duration.ofMillis(500) : Duration.ZERO;
    }

    @Override
    public Duration longestRequest() {
        return cfg.longestRequest();
    }

    @Override
    public List<DeliveryResult> deliver(List<StoredEvent> batch, PartsProgress progress) {
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        for (StoredEvent e : batch) {
            results.add(takeIn(e, progress));
        }
        return results;
    }

    private DeliveryResult takeIn(StoredEvent e, PartsProgress progress) {
        if (!holdOff().isZero()) {
            return DeliveryResult.notAttempted(e, "circuit breaker open", null);
        }
        if (progress.hold(List.of(e)).isEmpty()) {
            return DeliveryResult.notAttempted(e, "not taken in: its claim was taken over or could not be renewed", null);
        }
        ListedDossier item;
        try {
            item = ListedDossier.fromJson(json.readTree(e.payload()));
        } catch (IOException bad) {
            return DeliveryResult.permanent(e, "stored list item unreadable");
        }
        try {
            intake.store(item);
            if (progress.hold(List.of(e)).isEmpty()) {
                return DeliveryResult.notAttempted(e, "stored; not acknowledged: its claim was taken over", null);
            }
            return intake.acknowledge(item.portalCode()) ? DeliveryResult.delivered(e)
                    : DeliveryResult.transientFailure(e, Intake.ackFailure(item.portalCode()), null);
        } catch (RefusedDossierException refused) {
            log.warn("civil-status dossier {} refused and held DEAD: {}", item.portalCode(), refused.getMessage());
            return DeliveryResult.permanent(e, "dossier refused: " + refused.getMessage());
        } catch (NationalFailure failed) {
            return failed.resultFor(e, null);
        }
    }
}
