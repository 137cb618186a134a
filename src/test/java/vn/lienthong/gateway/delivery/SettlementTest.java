package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;


/** The settle rules of a batch, without a database: which state each result leads to, when, and what is counted. */
class SettlementTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 5, 9, 0, 0, 0, ZoneOffset.UTC);

    private static RetryPolicy retry(int maxAttempts, Duration maxAge) {
        DeliveryProperties cfg = new DeliveryProperties();
        cfg.setInitialBackoff(Duration.ofSeconds(2));
        cfg.setBackoffMultiplier(2.0);
        cfg.setMaxBackoff(Duration.ofMinutes(10));
        cfg.setJitter(0);
        cfg.setMaxAttempts(maxAttempts);
        cfg.setMaxAge(maxAge);
        return new RetryPolicy(cfg);
    }

    private static final RetryPolicy RETRY = retry(5, Duration.ofHours(72));

    private static StoredEvent event(long id, int attempts, OffsetDateTime acceptedAt) {
        return new StoredEvent(id, "one-stop", "k" + id, "h", "national-portal", "G22.99.20-261205-0001", "STATUS", "UPSERT",
                null, "{}", 0, DeliveryState.IN_FLIGHT, attempts, acceptedAt, acceptedAt, NOW, NOW.plusMinutes(1), "token",
                null, null);
    }

    private static StoredEvent event(long id, int attempts) {
        return event(id, attempts, NOW.minusMinutes(5));
    }

    @Test
    void shouldRecordDeliveredWhenResultDelivered() {
        Settlement.Plan plan = Settlement.of(List.of(DeliveryResult.delivered(event(1, 0))), Set.of(), RETRY, NOW);

        assertThat(plan.delivered()).extracting(StoredEvent::id).containsExactly(1L);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.failed()).isZero();
    }

    @Test
    void shouldLeaveEventAloneWhenCompletedWithLastPart() {
        Settlement.Plan plan = Settlement.of(List.of(DeliveryResult.delivered(event(1, 0)),
                DeliveryResult.transientFailure(event(2, 0), "HTTP 503", null)), Set.of(1L, 2L), RETRY, NOW);

        assertThat(plan.delivered()).isEmpty();
        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void shouldScheduleWithBackoffAndCountAttemptWhenTransient() {
        Settlement.Plan plan = Settlement.of(List.of(DeliveryResult.transientFailure(event(1, 2), "HTTP 503", null)),
                Set.of(), RETRY, NOW);

        Settlement.Change c = plan.changes().get(0);
        assertThat(c.state()).isEqualTo(DeliveryState.RETRY_SCHEDULED);
        assertThat(c.nextAttempt()).isEqualTo(NOW.plusSeconds(8)); // third failure: 2 s × 2²
        assertThat(c.countAttempt()).isTrue();
        assertThat(c.attempt()).isEqualTo(3);
        assertThat(c.reason()).isEqualTo("HTTP 503");
        assertThat(plan.failed()).isEqualTo(1);
    }

    @Test
    void shouldWaitAtLeastRetryAfterWhenTransientNamesOne() {
        Settlement.Plan plan = Settlement.of(List.of(DeliveryResult.transientFailure(event(1, 0), "HTTP 429",
                Duration.ofSeconds(90))), Set.of(), RETRY, NOW);

        assertThat(plan.changes().get(0).nextAttempt()).isEqualTo(NOW.plusSeconds(90));
    }

    @Test
    void shouldGoDeadNamingLimitAndLastErrorWhenAttemptsExhausted() {
        Settlement.Plan plan = Settlement.of(List.of(DeliveryResult.transientFailure(event(1, 4), "HTTP 503", null)),
                Set.of(), RETRY, NOW);

        Settlement.Change c = plan.changes().get(0);
        assertThat(c.state()).isEqualTo(DeliveryState.DEAD);
        assertThat(c.reason()).isEqualTo("retry limit reached (5 attempts); last error: HTTP 503");
        assertThat(c.countAttempt()).isTrue();
    }

    @Test
    void shouldGoDeadWhenEventTooOldToRetry() {
        Settlement.Plan plan = Settlement.of(List.of(DeliveryResult.transientFailure(event(1, 0, NOW.minusHours(73)),
                "timed out", null)), Set.of(), RETRY, NOW);

        assertThat(plan.changes().get(0).state()).isEqualTo(DeliveryState.DEAD);
        assertThat(plan.changes().get(0).reason()).startsWith("too old to retry").endsWith("; last error: timed out");
    }

    @Test
    void shouldGoDeadAtOnceWhenPermanent() {
        Settlement.Plan plan = Settlement.of(List.of(DeliveryResult.permanent(event(1, 0), "portal error 14")),
                Set.of(), RETRY, NOW);

        Settlement.Change c = plan.changes().get(0);
        assertThat(c.state()).isEqualTo(DeliveryState.DEAD);
        assertThat(c.reason()).isEqualTo("portal error 14");
        assertThat(c.nextAttempt()).isEqualTo(NOW);
        assertThat(plan.failed()).isEqualTo(1);
    }

    @Test
    void shouldPutBackWithoutCountingWhenNotAttempted() {
        Settlement.Plan plan = Settlement.of(List.of(DeliveryResult.notAttempted(event(1, 3), "breaker open", null),
                DeliveryResult.notAttempted(event(2, 0), "quota", Duration.ofDays(400))), Set.of(), RETRY, NOW);

        assertThat(plan.changes()).extracting(Settlement.Change::state)
                .containsExactly(DeliveryState.RETRY_SCHEDULED, DeliveryState.RETRY_SCHEDULED);
        assertThat(plan.changes()).extracting(Settlement.Change::countAttempt).containsExactly(false, false);
        assertThat(plan.changes().get(0).nextAttempt()).isEqualTo(NOW.plus(Settlement.NOT_ATTEMPTED_DELAY));
        assertThat(plan.changes().get(1).nextAttempt()).isEqualTo(NOW.plusMinutes(10)); // Retry-After capped at max-backoff
        assertThat(plan.failed()).isZero();
    }

    @Test
    void shouldKeepBatchOrderWhenResultsMixed() {
        Settlement.Plan plan = Settlement.of(List.of(DeliveryResult.delivered(event(1, 0)),
                DeliveryResult.permanent(event(2, 0), "refused"), DeliveryResult.delivered(event(3, 0)),
                DeliveryResult.transientFailure(event(4, 0), "reset", null)), Set.of(), RETRY, NOW);

        assertThat(plan.delivered()).extracting(StoredEvent::id).containsExactly(1L, 3L);
        assertThat(plan.changes()).extracting(c -> c.event().id()).containsExactly(2L, 4L);
        assertThat(plan.failed()).isEqualTo(2);
    }
}
