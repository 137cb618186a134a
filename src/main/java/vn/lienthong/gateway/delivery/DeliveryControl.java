package vn.lienthong.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JMX and /admin face of one destination's dispatcher. */
public class DeliveryControl implements DeliveryControlMBean {
    private static final Logger log = LoggerFactory.getLogger(DeliveryControl.class);

    private final Dispatcher dispatcher;
    private final DeliveryStore store;
    private final Clock clock;

    DeliveryControl(Dispatcher dispatcher, DeliveryStore store, Clock clock) {
        this.dispatcher = dispatcher;
        this.store = store;
        this.clock = clock;
    }

    private Map<DeliveryState, Long> counts() {
        return store.counts(dispatcher.destination());
    }

    @Override public String getDestination() { return dispatcher.destination(); }
    @Override public long getPending() {
        Map<DeliveryState, Long> c = store.pendingCounts(dispatcher.destination());
        return c.get(DeliveryState.QUEUED) + c.get(DeliveryState.RETRY_SCHEDULED);
    }
    @Override public long getInFlight() { return store.pendingCounts(dispatcher.destination()).get(DeliveryState.IN_FLIGHT); }
    @Override public long getDead() { return store.pendingCounts(dispatcher.destination()).get(DeliveryState.DEAD); }
    @Override public long getDelivered() { return counts().get(DeliveryState.DELIVERED); }
    @Override public long getSkipped() { return counts().get(DeliveryState.SKIPPED); }
    @Override public long getFailedTotal() { return dispatcher.failedTotal(); }
    @Override public long getOldestPendingAgeSeconds() {
        return store.oldestPending(dispatcher.destination())
                .map(t -> Math.max(0, Duration.between(t, OffsetDateTime.now(clock)).toSeconds())).orElse(0L);
    }
    @Override public boolean isPaused() { return dispatcher.isPaused(); }
    @Override public long getDeadTotal() { return dispatcher.deadTotal(); }
    @Override public String getBreakerState() {
        CircuitBreaker b = dispatcher.circuitBreaker();
        return b == null ? "NONE" : b.getState().name();
    }

    @Override public boolean replay(long eventId) {
        boolean done = store.replay(dispatcher.destination(), eventId);
        log.info("administrator replay of event {} to {}: {}", eventId, dispatcher.destination(), done ? "queued" : "not DEAD");
        dispatcher.wake();
        return done;
    }

    @Override public int replayAllDead() {
        int n = store.replayAllDead(dispatcher.destination());
        log.info("administrator replayed {} dead events to {}", n, dispatcher.destination());
        dispatcher.wake();
        return n;
    }

    @Override public boolean skip(long eventId) {
        boolean done = store.skip(dispatcher.destination(), eventId);
        log.info("administrator skip of event {} to {}: {}", eventId, dispatcher.destination(), done ? "skipped" : "refused");
        dispatcher.wake();
        return done;
    }

    @Override public void pause() { dispatcher.pause(); }
    @Override public void resume() { dispatcher.resume(); }

    @Override public String resetBreaker() {
        CircuitBreaker b = dispatcher.circuitBreaker();
        if (b == null) {
            return "no circuit breaker on " + dispatcher.destination();
        }
        String before = b.getState().name();
        b.reset();
        log.info("administrator reset the circuit breaker of {} (was {})", dispatcher.destination(), before);
        dispatcher.wake();
        return "was " + before + ", now " + b.getState().name();
    }
}
