package vn.lienthong.gateway.delivery;

import java.time.Duration;
import java.util.List;

/**
 * A system events are delivered to (the national portal, the one-stop system). The engine claims heads
 * of partitions, at most one per partition, and hands them over in one batch; the destination groups,
 * sends and answers one {@link DeliveryResult} per event.
 */
public interface DeliveryDestination {

    /** Stable name, used in the outbox, JMX names, metrics and /admin paths. */
    String name();

    /** Most events a batch may hold. */
    int maxBatch();

    /**
     * How long to hold off before calling at all (a circuit breaker that is open), or zero. While not zero
     * the dispatcher claims nothing, so an outage costs no attempts and sends nothing.
     */
    Duration holdOff();

    /**
     * The longest one request to this destination may take once started: waiting for a quota permit, connecting and
     * the answer (the configured timeouts). A request is only sent while the batch's claim outlasts it by
     * {@code gateway.delivery.lease-margin} ({@link PartsProgress#hold}), so no other claim can take its events while
     * it is on the wire (as long as it keeps to its timeouts).
     */
    Duration longestRequest();

    /** The circuit breaker guarding this destination's calls, shown and reset over JMX; null if none. */
    default io.github.resilience4j.circuitbreaker.CircuitBreaker circuitBreaker() {
        return null;
    }

    /**
     * Delivers the batch. Calls {@code progress.partsDone} as soon as a part of an event that must not be sent
     * twice is applied, before anything else is sent; only a crash between the destination's answer and that
     * commit repeats it. A part that is safe to repeat (it replaces what the destination holds) may be committed
     * with the event's next part instead, saving a commit.
     */
    List<DeliveryResult> deliver(List<StoredEvent> batch, PartsProgress progress);

    /** What a destination tells the engine while it works on a batch, and asks it. */
    interface PartsProgress {
        /**
         * Commits how far events got, before the rest of the batch is settled: one commit for all the events a
         * destination call applied.
         */
        void partsDone(java.util.List<PartDone> done);

        /**
         * Called right before each request that carries {@code events}: answers those whose claim still lasts
         * {@link #longestRequest()} and the margin, renewing the batch's lease when it would end sooner. An event
         * left out was taken over by another claim (its lease ran out) or is already settled, and must not be sent.
         */
        List<StoredEvent> hold(List<StoredEvent> events);
    }

    /**
     * Event {@code event} has its first {@code partsDone} parts applied, sent as {@code operation}; when
     * {@code last}, no part is left and the same commit records the event as delivered.
     */
    record PartDone(StoredEvent event, int partsDone, String operation, boolean last) {
    }
}
