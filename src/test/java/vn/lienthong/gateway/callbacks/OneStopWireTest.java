package vn.lienthong.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.UUID;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.onestop.OneStopDestination;
import vn.lienthong.gateway.sandbox.OneStopFault;
import vn.lienthong.gateway.sandbox.OneStopRequest;

/** What travels on the wire to the one-stop system: the receiving API's URL and nothing else, within the response timeout. */
class OneStopWireTest extends CallbacksTestSupport {
    /** gateway.one-stop.response-timeout-ms of the callbacks context. */
    private static final long RESPONSE_TIMEOUT_MS = 3000;

    @Autowired
    ProducerTemplate producer;
    @Autowired
    NationalGuard oneStopGuard;

    /** A forwarded callback reaches exactly {base}/api/v1/dossiers/{code}/ratings: no query the receiving API does not define. */
    @Test
    void shouldCallOnlyContractUrlWhenCallbackForwarded() {
        String d = dossier();
        var rating = sample("danh-gia");
        ((com.fasterxml.jackson.databind.node.ObjectNode) rating.get("DuLieu")).put("MaHoSo", d);
        String id = "wire-" + UUID.randomUUID();
        assertThat(post(rating, id).statusCode()).isEqualTo(200);
        await("the rating delivered", () -> !deliveredFor(id).isEmpty());
        assertThat(receivedFor(id)).extracting(OneStopRequest::method, OneStopRequest::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/dossiers/" + d + "/ratings"));
    }

    /** A one-stop system slower than gateway.one-stop.response-timeout-ms is given up on then, as a transient failure. */
    @Test
    void shouldGiveUpWaitingForOneStopWhenResponseTimeoutElapses() {
        long delay = RESPONSE_TIMEOUT_MS * 2;
        ONE_STOP.addFault(new OneStopFault(OneStopFault.Mode.SLOW, 1, 503, delay, "/online-dossiers"));
        long start = System.nanoTime();
        NationalFailure e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(NationalFailure.class,
                () -> OneStopDestination.route(producer, oneStopGuard).send(x -> {
                    x.setProperty(OneStopDestination.PATH_PROPERTY, "/api/v1/online-dossiers");
                    x.getIn().setHeader("X-API-Key", ONE_STOP_KEY);
                    x.getIn().setBody("{}");
                })));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.kind()).isEqualTo(NationalFailure.Kind.TIMEOUT);
        assertThat(e.effect()).isEqualTo(NationalFailure.Effect.RETRY);
        assertThat(e).hasRootCauseInstanceOf(SocketTimeoutException.class);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(RESPONSE_TIMEOUT_MS)).isLessThan(Duration.ofMillis(delay));
    }
}
