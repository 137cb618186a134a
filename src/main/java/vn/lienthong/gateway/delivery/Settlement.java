package vn.lienthong.gateway.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a batch's results do to its events, decided without touching the store: delivered, put back without an
 * attempt counted, scheduled for another attempt with backoff, or dead. The dispatcher writes the plan.
 */
final class Settlement {

    /** One event's new state; {@code countAttempt} false for an event that was not attempted. */
    record Change(StoredEvent event, DeliveryState state, OffsetDateTime nextAttempt, String reason, boolean countAttempt) {
        boolean dead() {
            return state == DeliveryState.DEAD;
        }

        /** The attempt this failure was (1 for the first), as the store will count it. */
        int attempt() {
            return event.attempts() + (countAttempt ? 1 : 0);
        }
    }

    /** {@code delivered}: to record as delivered; {@code failed}: attempts that failed (transient or permanent). */
    record Plan(List<StoredEvent> delivered, List<Change> changes, int failed) { }

    /** A destination that gave no Retry-After for an event it did not attempt gets it back after this. */
    static final Duration NOT_ATTEMPTED_DELAY = Duration.ofSeconds(1);

    private Settlement() {
    }

    /** {@code completed}: events already recorded as delivered with their last part; they are left as they are. */
    static Plan of(List<DeliveryResult> results, Set<Long> completed, RetryPolicy retry, OffsetDateTime now) {
        List<StoredEvent> delivered = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        int failed = 0;
        for (DeliveryResult r : results) {
            StoredEvent e = r.event();
            if (completed.contains(e.id())) {
                continue;
            }
            switch (r.kind()) {
                case DELIVERED -> delivered.add(e);
                case NOT_ATTEMPTED -> changes.add(new Change(e, DeliveryState.RETRY_SCHEDULED,
                        now.plus(r.retryAfter() == null ? NOT_ATTEMPTED_DELAY : retry.capped(r.retryAfter())), r.reason(), false));
                case TRANSIENT -> {
                    failed++;
                    int attempt = e.attempts() + 1;
                    String limit = retry.exhausted(attempt, e.acceptedAt(), now);
                    changes.add(limit != null
                            ? new Change(e, DeliveryState.DEAD, now, limit + "; last error: " + r.reason(), true)
                            : new Change(e, DeliveryState.RETRY_SCHEDULED, now.plus(retry.backoff(attempt, r.retryAfter())),
                                    r.reason(), true));
                }
                case PERMANENT -> {
                    failed++;
                    changes.add(new Change(e, DeliveryState.DEAD, now, r.reason(), true));
                }
            }
        }
        return new Plan(delivered, changes, failed);
    }
}
