package vn.lienthong.gateway.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.national.portal.NationalPortalClient;
import vn.lienthong.gateway.national.registry.BusinessRegistryClient;
import vn.lienthong.gateway.onestop.OneStopDestination;
import vn.lienthong.gateway.support.ConnectTarpit;

/**
 * The configured connect timeouts of the HTTP calls are really applied: each system is a port that never
 * completes a connection, so a call without its timeout would hang for minutes (the library's default is
 * three), and with it fails with a connect timeout no sooner than configured. The response timeouts are
 * proven beside each flow's other tests, against the slow simulators.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectTimeoutTest {
    private static final int CONNECT_TIMEOUT_MS = 300;
    private static final ConnectTarpit PORTAL = new ConnectTarpit();
    private static final ConnectTarpit ONE_STOP = new ConnectTarpit();
    private static final ConnectTarpit REGISTRY = new ConnectTarpit();

    @Autowired
    NationalPortalClient portal;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    NationalGuard oneStopGuard;
    @Autowired
    BusinessRegistryClient registry;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> "jdbc:h2:mem:connect-timeouts;DB_CLOSE_DELAY=-1");
        r.add("camel.component.properties.environment-variable-mode", () -> 1);
        r.add("gateway.delivery.auto-start", () -> "false");
        r.add("gateway.portal.base-url", () -> PORTAL.url("/portal"));
        r.add("gateway.portal.username", () -> "unused");
        r.add("gateway.portal.password", () -> "unused");
        r.add("gateway.portal.dstcode", () -> "unused");
        r.add("gateway.callbacks.secret", () -> "unused-at-least-32-bytes-long-00000000");
        r.add("gateway.callbacks.payment-secret", () -> "unused-at-least-32-bytes-long-00000000");
        r.add("gateway.one-stop.base-url", () -> ONE_STOP.url("/onestop"));
        r.add("gateway.one-stop.api-key", () -> "unused");
        r.add("gateway.registry.base-url", () -> REGISTRY.url("/registry"));
        r.add("gateway.registry.api-key", () -> "unused");
        r.add("gateway.audit.hmac-secret", () -> "unused-audit-secret-at-least-32-bytes-long-00000000");
        for (String system : new String[] {"portal", "one-stop", "registry"}) {
            r.add("gateway." + system + ".connect-timeout-ms", () -> CONNECT_TIMEOUT_MS);
        }
    }

    @AfterAll
    static void close() throws Exception {
        PORTAL.close();
        ONE_STOP.close();
        REGISTRY.close();
    }

    /** A portal login that cannot connect fails after gateway.portal.connect-timeout-ms, as a transient failure. */
    @Test
    void shouldGiveUpConnectingToPortalWhenConnectTimeoutElapses() {
        Throwable t = timed(() -> {
            try {
                portal.integration("DongBoHoSoMC", "000.00.12.H47", "False", new ObjectMapper().createArrayNode());
                return null;
            } catch (NationalFailure e) {
                assertThat(e.kind()).isEqualTo(NationalFailure.Kind.TIMEOUT);
                assertThat(e.effect()).isEqualTo(NationalFailure.Effect.RETRY);
                return e;
            }
        });
        assertThat(t).hasRootCauseInstanceOf(ConnectTimeoutException.class);
    }

    /** A forwarding to the one-stop system that cannot connect fails after gateway.one-stop.connect-timeout-ms, as a timeout. */
    @Test
    void shouldGiveUpConnectingToOneStopWhenConnectTimeoutElapses() {
        Throwable t = timed(() -> {
            try {
                OneStopDestination.route(producer, oneStopGuard).send(x -> {
                    x.setProperty(OneStopDestination.PATH_PROPERTY, "/api/v1/online-dossiers");
                    x.getIn().setBody("{}");
                });
                return null;
            } catch (NationalFailure f) {
                return f;
            }
        });
        assertThat(((NationalFailure) t).kind()).isEqualTo(NationalFailure.Kind.TIMEOUT);
        assertThat(t).hasRootCauseInstanceOf(ConnectTimeoutException.class);
    }

    /** An enterprise lookup that cannot connect fails after gateway.registry.connect-timeout-ms, as a timeout. */
    @Test
    void shouldGiveUpConnectingToRegistryWhenConnectTimeoutElapses() {
        Throwable t = timed(() -> {
            try {
                registry.find("0100109106");
                return null;
            } catch (NationalFailure f) {
                return f;
            }
        });
        assertThat(((NationalFailure) t).kind()).isEqualTo(NationalFailure.Kind.TIMEOUT);
        assertThat(t).hasRootCauseInstanceOf(ConnectTimeoutException.class);
    }

    /** Runs the call, bounded well below the library's default; the failure comes no sooner than the configured timeout. */
    private static Throwable timed(Supplier<Throwable> call) {
        long start = System.nanoTime();
        Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(30), call::get);
        assertThat(t).as("the call failed").isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(CONNECT_TIMEOUT_MS));
        return t;
    }
}
