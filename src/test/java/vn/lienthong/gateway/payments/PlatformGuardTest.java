package vn.lienthong.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.sandbox.PaymentFault;
import vn.lienthong.gateway.sandbox.PaymentPlatformSimulator;

/** The payment platform's calls go through its NationalGuard: a full bulkhead sends nothing, the breaker counts outages only. */
class PlatformGuardTest {
    private static final byte[] MESSAGE = "{\"MaThamChieu\":\"dvc1\"}".getBytes(StandardCharsets.UTF_8);

    private final PaymentPlatformSimulator platform = new PaymentPlatformSimulator(0, "P1", "sec", null).start();
    private final PaymentProperties cfg = settings(platform.baseUrl());
    private final ExecutorService other = Executors.newSingleThreadExecutor();
    private NationalGuard guard;
    private PlatformClient client;

    @AfterEach
    void stop() throws Exception {
        other.shutdownNow();
        if (client != null) {
            client.close();
        }
        platform.stop();
    }

    /** With one call allowed in flight, an INIT made while a slow one is on the wire is refused as busy and never reaches the platform. */
    @Test
    void shouldRefuseInitUnsentWhenBulkheadFull() throws Exception {
        cfg.setMaxConcurrentCalls(1);
        start();
        platform.addFault(new PaymentFault(PaymentFault.Mode.SLOW, 1, 3000));
        Future<PlatformClient.Answer> first = other.submit(() -> client.init(MESSAGE));
        PaymentsTestSupport.await("the first INIT on the wire", () -> platform.received().size() == 1);

        assertThatThrownBy(() -> client.init(MESSAGE)).isInstanceOfSatisfying(NationalFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(NationalFailure.Kind.BUSY);
            assertThat(f.detail()).isEqualTo("INIT not sent: too many calls in flight");
        });
        assertThat(first.get().status()).isEqualTo(200);
        assertThat(platform.received()).as("the refused INIT never reached the platform").hasSize(1);
    }

    /** A 404 answer leaves the breaker's failures at 0; dropped connections count, open it, and then nothing is sent. */
    @Test
    void shouldCountOutagesButNotRefusalsWhenBreakerJudges() {
        cfg.setBillUrl(platform.baseUrl() + "/no-such-service");
        cfg.getCircuitBreaker().setSlidingWindowSize(6);
        cfg.getCircuitBreaker().setMinimumNumberOfCalls(6);
        cfg.getCircuitBreaker().setWaitInOpenState(Duration.ofMinutes(5));
        start();
        for (int i = 0; i < 3; i++) {
            assertThat(client.bill(MESSAGE).status()).isEqualTo(404);
        }
        CircuitBreaker.Metrics metrics = guard.breaker().getMetrics();
        assertThat(metrics.getNumberOfFailedCalls()).isZero();
        assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(3);

        platform.addFault(PaymentFault.of(PaymentFault.Mode.DOWN, 3));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.query(MESSAGE)).isInstanceOfSatisfying(NationalFailure.class,
                    f -> assertThat(f.kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE));
        }
        assertThat(metrics.getNumberOfFailedCalls()).isEqualTo(3);
        assertThat(guard.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        int sent = platform.received().size();
        assertThatThrownBy(() -> client.init(MESSAGE)).isInstanceOfSatisfying(NationalFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(NationalFailure.Kind.BREAKER_OPEN);
            assertThat(f.detail()).isEqualTo("INIT not sent: circuit breaker open");
        });
        assertThat(platform.received()).as("nothing is sent while the breaker is open").hasSize(sent);
    }

    private void start() {
        guard = new NationalGuard(PlatformClient.SYSTEM, cfg);
        client = new PlatformClient(cfg, guard);
    }

    private static PaymentProperties settings(String baseUrl) {
        PaymentProperties cfg = new PaymentProperties();
        cfg.setInitUrl(baseUrl + PaymentPlatformSimulator.INIT);
        cfg.setQueryUrl(baseUrl + PaymentPlatformSimulator.QUERY);
        cfg.setBillUrl(baseUrl + PaymentPlatformSimulator.BILL);
        cfg.setConnectTimeoutMs(1000);
        cfg.setResponseTimeoutMs(10000);
        return cfg;
    }
}
