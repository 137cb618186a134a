package vn.lienthong.gateway.national.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.sandbox.PortalFault;
import vn.lienthong.gateway.support.GatewayIntegrationTest;

/** What travels on the wire to the portal: the contract's URLs and nothing else, within the configured response timeout. */
class PortalWireTest extends GatewayIntegrationTest {
    /** gateway.portal.response-timeout-ms of the integration context. */
    private static final long RESPONSE_TIMEOUT_MS = 2000;

    @Autowired
    NationalPortalClient client;

    /** Login and integration calls reach exactly {base}/auth and {base}/integration: no query, no other path. */
    @Test
    void shouldCallOnlyContractUrlsWhenEventDelivered() {
        String dossier = newDossier();
        PORTAL.expireSessions();
        assertThat(postEvent(event("wire-" + dossier, dossier, "RECEIVED")).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 1);
        assertThat(PORTAL.requestLines()).contains("POST /portal/auth", "POST /portal/integration")
                .allMatch(line -> line.equals("POST /portal/auth") || line.equals("POST /portal/integration"));
    }

    /** The simulator refuses, as a strict portal would, a URL with a query the contract does not define. */
    @Test
    void shouldAnswer404WhenUrlCarriesStrayQuery() throws Exception {
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(PORTAL.baseUrl() + "/integration?connectTimeout=3000"))
                .header("dstcode", "TEST-H47").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
    }

    /** A portal slower than gateway.portal.response-timeout-ms is given up on then, as a transient failure. */
    @Test
    void shouldGiveUpWaitingForPortalWhenResponseTimeoutElapses() {
        String dossier = newDossier();
        long delay = RESPONSE_TIMEOUT_MS * 3;
        PORTAL.addFault(PortalFault.slow(delay, 1).forDossier(dossier));
        ArrayNode data = JSON.createArrayNode();
        data.addObject().put("MaHoSo", dossier).put("TrangThaiHoSo", "2");
        long start = System.nanoTime();
        NationalFailure e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(NationalFailure.class,
                () -> client.integration("DongBoHoSoMC", AGENCY, "False", data)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.kind()).isEqualTo(NationalFailure.Kind.TIMEOUT);
        assertThat(e.effect()).isEqualTo(NationalFailure.Effect.RETRY);
        assertThat(e).hasRootCauseInstanceOf(SocketTimeoutException.class);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(RESPONSE_TIMEOUT_MS)).isLessThan(Duration.ofMillis(delay));
    }
}
