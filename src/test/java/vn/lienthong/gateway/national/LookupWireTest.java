package vn.lienthong.gateway.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.LookupsTestSupport;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.registry.BusinessRegistryClient;
import vn.lienthong.gateway.sandbox.SimFault;

/** What travels on the wire to the population database and the business registry: the contracts' URLs and nothing else. */
class LookupWireTest extends LookupsTestSupport {

    @Autowired
    BusinessRegistryClient registry;

    /** An enterprise lookup asks {base}/chiTietDoanhNghiep with msdn as its one query parameter. */
    @Test
    void shouldCallRegistryWithOnlyMsdnWhenEnterpriseLookedUp() throws Exception {
        assertThat(get("/api/v1/enterprises/4059083010", KEY).statusCode()).isEqualTo(200);
        assertThat(REGISTRY.requestLines()).containsExactly("GET /registry/chiTietDoanhNghiep?msdn=4059083010");
    }

    /** A citizen verification is one SOAP POST to the population database's URL, without a query. */
    @Test
    void shouldPostToPopulationUrlWhenCitizenVerified() throws Exception {
        assertThat(post("/api/v1/citizens/verify", KEY, "{\"personalId\":\"049085754323\",\"name\":\"Nguyễn Văn An\","
                + "\"birthDate\":\"1985-03-12\"}", "X-Officer-Id", "cb-01", "X-Purpose", "IDENTITY_CHECK").statusCode()).isEqualTo(200);
        assertThat(POPULATION.requestLines()).containsExactly("POST /dancu");
    }

    /** A registry slower than gateway.registry.response-timeout-ms is given up on then, as a timeout. */
    @Test
    void shouldGiveUpWaitingForRegistryWhenResponseTimeoutElapses() {
        long delay = RESPONSE_TIMEOUT_MS * 3L;
        REGISTRY.addFault(SimFault.slow(delay, 1));
        long start = System.nanoTime();
        NationalFailure f = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(NationalFailure.class, () -> registry.find("4059083010")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(f.kind()).isEqualTo(NationalFailure.Kind.TIMEOUT);
        assertThat(f).hasRootCauseInstanceOf(SocketTimeoutException.class);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(RESPONSE_TIMEOUT_MS)).isLessThan(Duration.ofMillis(delay));
    }
}
