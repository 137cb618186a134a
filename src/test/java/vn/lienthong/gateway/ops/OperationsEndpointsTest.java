package vn.lienthong.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;

import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.sandbox.PortalFault;
import vn.lienthong.gateway.support.GatewayIntegrationTest;

/** The actuator as the operations team uses it: Prometheus scrape, info, health details, alarms, correlation ids. */
class OperationsEndpointsTest extends GatewayIntegrationTest {
    @Autowired
    private Alarms gatewayAlarms;
    @Autowired
    private GatewayMetrics gatewayMetrics;
    @Autowired
    private NationalSystems nationalSystems;
    @Autowired
    private MeterRegistry meterRegistry;
    @Autowired
    private DeliveryEngine deliveryEngine;

    private String scrape() {
        HttpResponse<String> r = get("/actuator/prometheus", ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** After an event is delivered the scrape holds every documented series, and the delivered counter moved. */
    @Test
    void shouldScrapeDocumentedSeriesWhenEventsFlow() {
        String dossier = newDossier();
        assertThat(postEvent(event(dossier + "-m", dossier, "NEW")).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 1);
        // The state is DELIVERED once the last part is committed; the batch timer and the counters follow just after.
        await("the delivered batch timed and counted", Duration.ofSeconds(10), () -> {
            var timer = meterRegistry.find("lienthong.delivery.batch").tag("destination", NationalPortalDestination.NAME).timer();
            return timer != null && timer.count() > 0 && deliveryEngine.dispatcher(NationalPortalDestination.NAME).deliveredTotal() > 0;
        });
        String body = scrape();
        String tags = "{application=\"lienthong-gateway\",destination=\"national-portal\"";
        assertThat(body).contains(
                "lienthong_delivery_backlog" + tags + "}",
                "lienthong_delivery_in_flight" + tags + "}",
                "lienthong_delivery_dead" + tags + "}",
                "lienthong_delivery_oldest_pending_seconds" + tags + "}",
                "lienthong_delivery_paused" + tags + "}",
                "lienthong_delivery_events_total" + tags + ",outcome=\"delivered\"}",
                "lienthong_delivery_events_total" + tags + ",outcome=\"failed\"}",
                "lienthong_delivery_events_total" + tags + ",outcome=\"dead\"}",
                "lienthong_delivery_backlog{application=\"lienthong-gateway\",destination=\"one-stop\"}",
                "lienthong_delivery_batch_seconds_bucket" + tags,
                "lienthong_national_call_seconds_bucket{application=\"lienthong-gateway\",operation=",
                "lienthong_national_call_seconds_count{application=\"lienthong-gateway\",operation=\"DongBoHoSoMC\",outcome=\"ok\",system=\"national-portal\"}",
                "lienthong_breaker_state{application=\"lienthong-gateway\",system=\"national-portal\"}",
                "lienthong_breaker_state{application=\"lienthong-gateway\",system=\"one-stop\"}",
                "lienthong_breaker_open_seconds{application=\"lienthong-gateway\",system=\"national-portal\"}",
                "lienthong_ratelimiter_available_permissions{application=\"lienthong-gateway\",system=\"national-portal\"}",
                "http_server_requests_seconds_bucket");
        double delivered = meterRegistry.get("lienthong.delivery.events").tag("destination", NationalPortalDestination.NAME)
                .tag("outcome", "delivered").functionCounter().count();
        assertThat(delivered).isEqualTo(deliveryEngine.dispatcher(NationalPortalDestination.NAME).deliveredTotal()).isPositive();
    }

    /**
     * Every series the Grafana dashboard (config/grafana-dashboard.json) queries is in the scrape, except the
     * lookup ones, which appear once the lookup flows run.
     */
    @Test
    void shouldScrapeEverySeriesTheDashboardUsesWhenEventsFlow() throws Exception {
        String dossier = newDossier();
        assertThat(postEvent(event(dossier + "-g", dossier, "NEW")).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 1);
        gatewayAlarms.check();
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("config/grafana-dashboard.json"));
        java.util.Set<String> used = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lienthong_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            used.add(m.group());
        }
        used.removeAll(java.util.Set.of("lienthong_national_lookups_total", "lienthong_cache_hit_ratio"));
        String body = scrape();
        assertThat(used).hasSizeGreaterThan(8)
                .allSatisfy(series -> assertThat(body).as("scrape holds %s", series).contains(series + "{"));
    }

    /** Metrics and info need the admin scope: no key is 401, a key without admin is 403. */
    @Test
    void shouldRefuseMetricsWhenNotAdmin() {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", WRITER_KEY).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/info", WRITER_KEY).statusCode()).isEqualTo(403);
    }

    /** info shows the build version and the version of every mapping table. */
    @Test
    void shouldShowVersionAndMappingVersionsWhenInfoAsked() {
        HttpResponse<String> r = get("/actuator/info", ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode info = json(r);
        assertThat(info.at("/build/version").asText()).isNotBlank();
        assertThat(info.at("/mappings/versions/dossier-status.yaml").asText()).isNotBlank();
        assertThat(info.at("/mappings/location").asText()).isNotBlank();
    }

    /** Readiness shows each national system's breaker to an admin, stays UP while one is open, and shows no details anonymously. */
    @Test
    void shouldShowNationalSystemsWithoutFailingWhenBreakerOpen() {
        nationalPortalGuard.breaker().transitionToForcedOpenState();
        try {
            HttpResponse<String> admin = get("/actuator/health/readiness", ADMIN_KEY);
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
            JsonNode h = json(admin);
            assertThat(h.at("/components/nationalSystems/details/national-portal/breaker").asText()).isEqualTo("FORCED_OPEN");
            assertThat(h.at("/components/nationalSystems/details/one-stop/breaker").asText()).isEqualTo("CLOSED");
            assertThat(h.at("/components/db/status").asText()).isEqualTo("UP");
            HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET().build());
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(json(anonymous).has("components")).isFalse();
            assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/liveness")).GET().build()).statusCode()).isEqualTo(200);
        } finally {
            nationalPortalGuard.breaker().reset();
        }
    }

    /** A DEAD event raises the dead-letter alarm (gauge 1 in the scrape); a breaker held open past its threshold raises that alarm until reset. */
    @Test
    void shouldRaiseAlarmsWhenDeadLettersAndBreakerOpenTooLong() {
        String dossier = newDossier();
        PORTAL.addFault(PortalFault.reject(dossier, 12));
        assertThat(postEvent(event(dossier + "-a", dossier, "NEW")).statusCode()).isEqualTo(202);
        await("event DEAD", Duration.ofSeconds(10), () -> states(dossier).equals(java.util.List.of("DEAD")));
        await("dead-letter alarm", Duration.ofSeconds(10), () -> {
            gatewayAlarms.check();
            return gatewayAlarms.isRaised(Alarms.DEAD_LETTERS, NationalPortalDestination.NAME);
        });
        assertThat(scrape()).contains("lienthong_alarm_active{alarm=\"dead_letters\",application=\"lienthong-gateway\","
                + "subject=\"national-portal\"} 1.0");

        OpsProperties.Alarms strict = new OpsProperties.Alarms();
        strict.setBreakerOpenAbove(Duration.ofSeconds(1));
        Alarms alarms = new Alarms(deliveryEngine, gatewayMetrics, nationalSystems, strict, java.time.Clock.systemUTC(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), null,
                new vn.lienthong.gateway.security.SecurityProperties(), null);
        nationalPortalGuard.breaker().transitionToForcedOpenState();
        try {
            await("breaker alarm", Duration.ofSeconds(5), () -> {
                alarms.check();
                return alarms.isRaised(Alarms.BREAKER_OPEN, NationalPortalDestination.NAME);
            });
        } finally {
            nationalPortalGuard.breaker().reset();
        }
        alarms.check();
        assertThat(alarms.isRaised(Alarms.BREAKER_OPEN, NationalPortalDestination.NAME)).isFalse();
    }

    /** A caller's correlation id is echoed; without one (or with a forged one) the gateway makes one up. */
    @Test
    void shouldEchoCorrelationIdWhenGivenAndCreateOneOtherwise() {
        HttpResponse<String> given = send(HttpRequest.newBuilder(uri("/api/v1/dossiers/x/events"))
                .header("X-API-Key", WRITER_KEY).header("X-Correlation-Id", "one-stop-4711").GET().build());
        assertThat(given.headers().firstValue("X-Correlation-Id")).contains("one-stop-4711");
        HttpResponse<String> none = get("/actuator/health", WRITER_KEY);
        assertThat(none.headers().firstValue("X-Correlation-Id").orElseThrow()).matches("[0-9a-f-]{36}");
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/actuator/health"))
                .header("X-Correlation-Id", "a b\tINFO fake line").GET().build());
        assertThat(forged.headers().firstValue("X-Correlation-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    }
}
