package vn.lienthong.gateway.national.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.delivery.DeliveryResult;
import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.national.RemoteUnavailableException;

/** The one classifier of how a remote call ended, and what each kind means for a delivery. */
class NationalFailureTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 5, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final StoredEvent EVENT = new StoredEvent(7, "one-stop", "k", "h", "national-portal", "G22.99.20-261205-0001",
            "STATUS", "UPSERT", null, "{}", 0, DeliveryState.IN_FLIGHT, 0, NOW, NOW, NOW, NOW, "t", null, null);

    @Test
    void shouldCallItTimeoutWhenCauseIsSocketTimeoutAnywhereInChain() {
        NationalFailure f = NationalFailure.from("portal",
                new CamelExecutionException("failed", null, new IOException("wrapped", new SocketTimeoutException("Read timed out"))));

        assertThat(f.kind()).isEqualTo(NationalFailure.Kind.TIMEOUT);
        assertThat(f.effect()).isEqualTo(NationalFailure.Effect.RETRY);
        assertThat(f.isOutage()).isTrue();
    }

    @Test
    void shouldCallItTimeoutWhenConnectTimesOut() {
        assertThat(NationalFailure.from("civil-status", new HttpConnectTimeoutException("connect")).kind())
                .isEqualTo(NationalFailure.Kind.TIMEOUT);
    }

    @Test
    void shouldNotReadMessagesWhenClassifying() {
        // a message that says "timed out" is not a timeout: only the exception's type counts
        NationalFailure f = NationalFailure.from("portal", new IllegalStateException("session timed out"));

        assertThat(f.kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE);
        assertThat(f.detail()).startsWith("portal unreachable: ");
    }

    @Test
    void shouldCallItUnavailableWhenConnectionRefused() {
        NationalFailure f = NationalFailure.from("business-registry", new ConnectException("Connection refused"));

        assertThat(f.kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE);
        assertThat(f.retryAfter()).isNull();
    }

    @Test
    void shouldKeepRetryAfterAndStatusWhenRemoteUnavailable() {
        NationalFailure f = NationalFailure.from("portal", new RuntimeException(new RemoteUnavailableException("portal", 503, "120")));

        assertThat(f.kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE);
        assertThat(f.code()).isEqualTo("503");
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(f.retryAfterSeconds()).isEqualTo(120);
    }

    @Test
    void shouldSayNotSentWhenAGuardRefused() {
        CallNotPermittedException open = CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x"));
        RequestNotPermitted quota = RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("x"));
        BulkheadFullException full = BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("x"));

        assertThat(NationalFailure.from("portal", open).kind()).isEqualTo(NationalFailure.Kind.BREAKER_OPEN);
        assertThat(NationalFailure.from("portal", quota).kind()).isEqualTo(NationalFailure.Kind.RATE_LIMITED);
        assertThat(NationalFailure.from("portal", quota).detail()).isEqualTo("portal quota exhausted");
        assertThat(NationalFailure.from("portal", full).kind()).isEqualTo(NationalFailure.Kind.BUSY);
        assertThat(NationalFailure.from("portal", open).effect()).isEqualTo(NationalFailure.Effect.NOT_SENT);
    }

    @Test
    void shouldPassThroughWhenAlreadyRecognised() {
        NationalFailure known = new NationalFailure("population-db", NationalFailure.Kind.NOT_FOUND, "DC404", null);

        assertThat(NationalFailure.from("population-db", new RuntimeException(known))).isSameAs(known);
    }

    @Test
    void shouldParseRetryAfterWhenSecondsOrHttpDate() {
        assertThat(NationalFailure.parseRetryAfter("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(NationalFailure.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(NationalFailure.parseRetryAfter("soon")).isNull();
        assertThat(NationalFailure.parseRetryAfter(null)).isNull();
    }

    @Test
    void shouldGiveEventItsFateWhenDelivering() {
        DeliveryResult refused = new NationalFailure("portal", NationalFailure.Kind.REFUSED, "400", (Duration) null,
                "portal answered HTTP 400: bad", null).resultFor(EVENT, "DongBoHoSoMC");
        DeliveryResult away = NationalFailure.from("portal", new RemoteUnavailableException("portal", 503, "9"))
                .resultFor(EVENT, "DongBoHoSoMC");
        DeliveryResult held = NationalFailure.of("portal", NationalFailure.Kind.HELD_BACK, "not sent: claim lost")
                .resultFor(EVENT, "DongBoHoSoMC");

        assertThat(refused.kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(refused.reason()).isEqualTo("DongBoHoSoMC: portal answered HTTP 400: bad");
        assertThat(away.kind()).isEqualTo(DeliveryResult.Kind.TRANSIENT);
        assertThat(away.retryAfter()).isEqualTo(Duration.ofSeconds(9));
        assertThat(held.kind()).isEqualTo(DeliveryResult.Kind.NOT_ATTEMPTED);
        assertThat(held.reason()).isEqualTo("not sent: claim lost");
    }
}
