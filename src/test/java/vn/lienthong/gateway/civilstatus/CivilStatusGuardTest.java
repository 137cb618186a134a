package vn.lienthong.gateway.civilstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.delivery.DeliveryDestination;
import vn.lienthong.gateway.delivery.DeliveryResult;
import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.mapping.MappingLoader;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.sandbox.CivilStatusFault;
import vn.lienthong.gateway.sandbox.CivilStatusSimulator;

/** The civil-status service's calls go through its NationalGuard: a full bulkhead sends nothing, the breaker counts outages only. */
class CivilStatusGuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CivilStatusVocabulary VOCAB = CivilStatusVocabulary.from(MappingLoader.load("file:mappings/"));
    private static final String REPORT = "{\"maHoSo\":\"G22-KS-0001\"}";
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 5, 9, 0, 0, 0, ZoneOffset.UTC);

    private final CivilStatusSimulator service = new CivilStatusSimulator(0, "gw-dvclt", "dvclt-secret", 1800).start();
    private final CivilStatusProperties cfg = settings(service.baseUrl());
    private final ExecutorService other = Executors.newSingleThreadExecutor();
    private NationalGuard guard;
    private CivilStatusClient client;

    @AfterEach
    void stop() throws Exception {
        other.shutdownNow();
        if (client != null) {
            client.close();
        }
        service.stop();
    }

    /** With one call allowed in flight, a status report sent while a slow one is on the wire is put back after 1 s, unsent and with no attempt counted. */
    @Test
    void shouldPutReportBackUnsentWhenBulkheadFull() throws Exception {
        cfg.setMaxConcurrentCalls(1);
        start();
        client.list(); // logs in, so the reports below are one call each
        service.addFault(new CivilStatusFault(CivilStatusFault.Mode.SLOW, 1, "status", null, 3000, 503));
        Future<CivilStatusClient.Answer> first = other.submit(() -> client.status(REPORT));
        CivilStatusTestSupport.await("the first report on the wire", () -> statusCalls() == 1);

        StatusDestination destination = new StatusDestination(client, () -> VOCAB, null, cfg, JSON);
        List<DeliveryResult> results = destination.deliver(List.of(report(2)), everyEventHeld());

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(DeliveryResult.Kind.NOT_ATTEMPTED);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(r.reason()).contains("too many calls in flight");
        });
        assertThat(first.get().status()).isLessThan(500);
        assertThat(statusCalls()).as("the refused report never reached the service").isEqualTo(1);
    }

    /** A 4xx answer or a refused detail leaves the breaker's failures at 0; a 503 and dropped connections count, open it, and then nothing is sent. */
    @Test
    void shouldCountOutagesButNotRefusalsWhenBreakerJudges() throws Exception {
        cfg.getCircuitBreaker().setSlidingWindowSize(6);
        cfg.getCircuitBreaker().setMinimumNumberOfCalls(6);
        cfg.getCircuitBreaker().setWaitInOpenState(Duration.ofMinutes(5));
        start();
        client.list(); // login and list: two successes
        service.addFault(new CivilStatusFault(CivilStatusFault.Mode.HTTP_ERROR, 2, "status", null, 0, 400));
        assertThat(client.status(REPORT).status()).isEqualTo(400);
        assertThat(client.status(REPORT).status()).isEqualTo(400);
        service.addFault(new CivilStatusFault(CivilStatusFault.Mode.HTTP_ERROR, 1, "detail", null, 0, 404));
        assertThatThrownBy(() -> client.detail("id-1", body -> body.readAllBytes())).isInstanceOf(RefusedDossierException.class);
        CircuitBreaker.Metrics metrics = guard.breaker().getMetrics();
        assertThat(metrics.getNumberOfFailedCalls()).isZero();
        assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(5);

        service.addFault(new CivilStatusFault(CivilStatusFault.Mode.HTTP_ERROR, 1, "status", null, 0, 503));
        assertThatThrownBy(() -> client.status(REPORT)).isInstanceOfSatisfying(NationalFailure.class,
                f -> assertThat(f.kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE));
        assertThat(metrics.getNumberOfFailedCalls()).isEqualTo(1);
        service.addFault(CivilStatusFault.of(CivilStatusFault.Mode.DOWN, 2, "status"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.status(REPORT)).isInstanceOf(NationalFailure.class);
        }
        assertThat(guard.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        int sent = service.calls().size();
        assertThatThrownBy(() -> client.status(REPORT)).isInstanceOfSatisfying(NationalFailure.class,
                f -> assertThat(f.kind()).isEqualTo(NationalFailure.Kind.BREAKER_OPEN));
        assertThat(service.calls()).as("nothing is sent while the breaker is open").hasSize(sent);
    }

    private void start() {
        guard = new NationalGuard(CivilStatusClient.SYSTEM, cfg);
        client = new CivilStatusClient(cfg, () -> VOCAB, guard, JSON, Clock.systemUTC());
    }

    private long statusCalls() {
        return service.calls().stream().filter("POST status"::equals).count();
    }

    private static CivilStatusProperties settings(String baseUrl) {
        CivilStatusProperties cfg = new CivilStatusProperties();
        cfg.setBaseUrl(baseUrl);
        cfg.setUsername("gw-dvclt");
        cfg.setPassword("dvclt-secret");
        cfg.setConnectTimeoutMs(1000);
        cfg.setResponseTimeoutMs(10000);
        return cfg;
    }

    private static StoredEvent report(long id) {
        return new StoredEvent(id, "one-stop", "k" + id, "h", StatusDestination.NAME, "G22-KS-0001", "PROGRESS", "POST", null,
                "{\"body\":" + REPORT + "}", 0, DeliveryState.IN_FLIGHT, 0, NOW, NOW, NOW, NOW, "t", null, null);
    }

    private static DeliveryDestination.PartsProgress everyEventHeld() {
        return new DeliveryDestination.PartsProgress() {
            @Override
            public void partsDone(List<DeliveryDestination.PartDone> done) {
            }

            @Override
            public List<StoredEvent> hold(List<StoredEvent> events) {
                return events;
            }
        };
    }
}
