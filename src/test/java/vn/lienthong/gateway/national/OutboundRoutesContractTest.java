package vn.lienthong.gateway.national;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import vn.lienthong.gateway.national.guard.GuardSettings;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.national.portal.NationalPortalClient;
import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.national.portal.PortalProperties;
import vn.lienthong.gateway.national.portal.PortalQuota;
import vn.lienthong.gateway.onestop.OneStopDestination;
import vn.lienthong.gateway.onestop.OneStopProperties;

/**
 * The outbound routes as a contract, without the application: each route file of routes/ is loaded into a bare
 * Camel context, its HTTP (or SOAP) node woven by id into a recorder, and what reaches the wire is asserted:
 * the inbound request's CamelHttp* headers never leak into the call, the path and method are the route's own,
 * a failed call is made once (the delivery engine retries durably, never the route). The portal's and the
 * one-stop system's routes are called as their clients call them, within their NationalGuard: its breaker counts
 * a 5xx, a timeout and a connection failure (and 429, and the one-stop system's 408) but not a 4xx about the
 * request, and while it is open nothing is sent.
 */
class OutboundRoutesContractTest {

    /** One call as the woven node saw it. */
    private record Call(Map<String, Object> headers, String body) { }

    /** How a guarded call ended: the answered exchange, or the failure it was turned into. */
    private record Outcome(Exchange answer, NationalFailure failure) { }

    private final List<Call> calls = new ArrayList<>();
    private DefaultCamelContext camel;
    private final NationalGuard portalGuard = new NationalGuard(NationalPortalDestination.NAME, NationalPortalClient.SYSTEM,
            wideWindow(new PortalProperties()), new PortalQuota(new PortalProperties()));
    private final NationalGuard oneStopGuard = OneStopDestination.guard(wideWindow(new OneStopProperties()));

    private static <T extends GuardSettings> T wideWindow(T settings) {
        // a large window: the test reads the counts, nothing opens
        settings.getCircuitBreaker().setSlidingWindowSize(100);
        settings.getCircuitBreaker().setMinimumNumberOfCalls(100);
        return settings;
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    /** Starts the given routes of the given files with {@code node} woven into {@code answer}. */
    private void start(String routeId, String node, Processor answer, String file, String... routeIds) throws Exception {
        camel = new DefaultCamelContext();
        Properties p = new Properties();
        p.put("gateway.portal.base-url", "http://portal.invalid/lgsp");
        p.put("gateway.portal.connect-timeout-ms", "1000");
        p.put("gateway.portal.response-timeout-ms", "1000");
        p.put("gateway.one-stop.base-url", "http://one-stop.invalid/onestop");
        p.put("gateway.one-stop.connect-timeout-ms", "1000");
        p.put("gateway.one-stop.response-timeout-ms", "1000");
        p.put("gateway.population.url", "http://population.invalid/ws");
        camel.getPropertiesComponent().setInitialProperties(p);
        load("routes/error-handling.camel.yaml", Set.of());
        load(file, Set.of(routeIds));
        AdviceWith.adviceWith(camel, routeId, a -> a.weaveById(node).replace().process(ex -> {
            calls.add(new Call(new LinkedHashMap<>(ex.getIn().getHeaders()), ex.getIn().getBody(String.class)));
            answer.process(ex);
        }));
        camel.start();
    }

    private void startPortal(Processor answer) throws Exception {
        start("national-portal.http", "national-portal-http", answer, "routes/national-portal.camel.yaml",
                "national-portal", "national-portal.http");
    }

    private void startOneStop(Processor answer) throws Exception {
        start("one-stop-forwarding.http", "one-stop-http", answer, "routes/one-stop-forwarding.camel.yaml",
                "one-stop-forwarding", "one-stop-forwarding.http");
    }

    /** Loads a route file of routes/, only the routes named when any are (a file may hold REST routes needing the API's beans). */
    private void load(String file, Set<String> routeIds) throws Exception {
        String text = Files.readString(Path.of(file));
        if (!routeIds.isEmpty()) {
            List<Map<String, Object>> items = new Yaml().load(text);
            items.removeIf(item -> !(item.get("route") instanceof Map<?, ?> r && routeIds.contains(r.get("id"))));
            assertThat(items).as("routes %s in %s", routeIds, file).hasSize(routeIds.size());
            text = new Yaml().dump(items);
        }
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(Path.of(file).getFileName().toString(), text));
    }

    private static Processor answering(int status) {
        return ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            ex.getMessage().setBody("{}");
        };
    }

    /** A request as it arrives from the one-stop system's REST call, its CamelHttp* headers still on. */
    private static Processor request(String pathProperty, String path) {
        return ex -> {
            ex.setProperty(pathProperty, path);
            ex.getIn().setHeader(Exchange.HTTP_QUERY, "debug=true");
            ex.getIn().setHeader(Exchange.HTTP_URI, "/api/v1/dossier-events");
            ex.getIn().setHeader(Exchange.HTTP_PATH, "/dossier-events");
            ex.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
            ex.getIn().setHeader(Exchange.HTTP_RAW_QUERY, "debug=true");
            ex.getIn().setBody("{\"MaHoSo\":\"000.00.12.H47-261205-0001\"}");
        };
    }

    private Exchange send(String uri, String pathProperty, String path) {
        return camel.createProducerTemplate().send(uri, request(pathProperty, path));
    }

    private Outcome callPortal() {
        return call(NationalPortalClient.route(camel.createProducerTemplate(), portalGuard), "portalPath", "/integration");
    }

    private Outcome callOneStop() {
        return call(OneStopDestination.route(camel.createProducerTemplate(), oneStopGuard), "oneStopPath",
                "/api/v1/online-dossiers");
    }

    private static Outcome call(GuardedRoute route, String pathProperty, String path) {
        try {
            return new Outcome(route.send(request(pathProperty, path)), null);
        } catch (NationalFailure f) {
            return new Outcome(null, f);
        }
    }

    /** The call failed with {@code type}, itself or as the cause of Camel's wrapping. */
    private static void assertFailedWith(Exchange ex, Class<? extends Throwable> type) {
        assertCausedBy(ex.getException(), type);
    }

    private static void assertCausedBy(Throwable t, Class<? extends Throwable> type) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            chain.add(c);
        }
        assertThat(chain).as("the failure and its causes").anyMatch(type::isInstance);
    }

    private void assertOnlyRouteHttpHeaders(Call call, String path) {
        assertThat(call.headers()).containsEntry(Exchange.HTTP_METHOD, "POST").containsEntry(Exchange.HTTP_PATH, path)
                .containsEntry("Content-Type", "application/json; charset=UTF-8")
                .doesNotContainKeys(Exchange.HTTP_QUERY, Exchange.HTTP_RAW_QUERY, Exchange.HTTP_URI);
        assertThat(call.body()).isEqualTo("{\"MaHoSo\":\"000.00.12.H47-261205-0001\"}");
    }

    /**
     * A portal call made within a REST request carries the route's own method, path and content type, none of the
     * request's CamelHttp* headers.
     */
    @Test
    void shouldCallPortalWithRoutesOwnPathAndNoInboundHttpHeadersWhenRequestCameOverRest() throws Exception {
        startPortal(answering(200));

        Outcome o = callPortal();

        assertThat(o.failure()).isNull();
        assertThat(calls).hasSize(1);
        assertOnlyRouteHttpHeaders(calls.get(0), "/integration");
        assertThat(portalGuard.breaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    /** A portal answering 5xx is called once, the call fails as the portal being unavailable, and the breaker counts it. */
    @Test
    void shouldCallPortalOnceAndCountFailureWhenPortalAnswers5xx() throws Exception {
        startPortal(answering(503));

        Outcome o = callPortal();

        assertThat(o.failure().kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE);
        assertThat(o.failure().code()).isEqualTo("503");
        assertCausedBy(o.failure(), RemoteUnavailableException.class);
        assertThat(calls).hasSize(1);
        assertThat(portalGuard.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    /** A refused connection to the portal is tried once, fails as the portal unavailable, and counts. */
    @Test
    void shouldCallPortalOnceWhenConnectionFails() throws Exception {
        startPortal(ex -> {
            throw new ConnectException("Connection refused");
        });

        Outcome o = callPortal();

        assertThat(o.failure().kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE);
        assertCausedBy(o.failure(), ConnectException.class);
        assertThat(calls).hasSize(1);
        assertThat(portalGuard.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    /** A portal that does not answer in time is an outage: the call fails as a timeout, once, and counts. */
    @Test
    void shouldCallPortalOnceAndCountFailureWhenPortalGivesNoAnswerInTime() throws Exception {
        startPortal(ex -> {
            throw new SocketTimeoutException("Read timed out");
        });

        Outcome o = callPortal();

        assertThat(o.failure().kind()).isEqualTo(NationalFailure.Kind.TIMEOUT);
        assertThat(calls).hasSize(1);
        assertThat(portalGuard.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    /** A 4xx about the request comes back as an answer for the client to read and counts as a success. */
    @Test
    void shouldNotCountAgainstBreakerWhenPortalRefusesRequestWith4xx() throws Exception {
        startPortal(answering(400));

        Outcome o = callPortal();

        assertThat(o.failure()).isNull();
        assertThat(o.answer().getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(400);
        assertThat(portalGuard.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(portalGuard.breaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    /** The portal's 408 is about the request (its client retries it) and is no sign of an outage: it does not count. */
    @Test
    void shouldNotCountAgainstBreakerWhenPortalAnswers408() throws Exception {
        startPortal(answering(408));

        Outcome o = callPortal();

        assertThat(o.failure()).isNull();
        assertThat(o.answer().getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(408);
        assertThat(portalGuard.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    /** While the portal's breaker is open a call is refused as not sent, and nothing reaches the wire. */
    @Test
    void shouldSendNothingWhenPortalBreakerOpen() throws Exception {
        startPortal(answering(200));
        portalGuard.breaker().transitionToOpenState();

        Outcome o = callPortal();

        assertThat(o.failure().kind()).isEqualTo(NationalFailure.Kind.BREAKER_OPEN);
        assertThat(o.failure().effect()).isEqualTo(NationalFailure.Effect.NOT_SENT);
        assertThat(calls).isEmpty();
    }

    /** A one-stop call carries the route's own method, path and content type, none of the request's CamelHttp* headers. */
    @Test
    void shouldCallOneStopWithRoutesOwnPathAndNoInboundHttpHeadersWhenRequestCameOverRest() throws Exception {
        startOneStop(answering(201));

        Outcome o = callOneStop();

        assertThat(o.failure()).isNull();
        assertOnlyRouteHttpHeaders(calls.get(0), "/api/v1/online-dossiers");
    }

    /** The one-stop system's 408 fails the call and counts against the breaker; its 404 comes back as an answer and does not. */
    @Test
    void shouldCountTimeoutAnswerAndNotRefusalWhenOneStopAnswers408Then404() throws Exception {
        int[] status = {408};
        startOneStop(ex -> answering(status[0]).process(ex));

        Outcome timedOut = callOneStop();
        status[0] = 404;
        Outcome refused = callOneStop();

        assertThat(timedOut.failure().kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE);
        assertCausedBy(timedOut.failure(), RemoteUnavailableException.class);
        assertThat(refused.failure()).isNull();
        assertThat(refused.answer().getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(404);
        assertThat(calls).hasSize(2);
        assertThat(oneStopGuard.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(oneStopGuard.breaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    /** A one-stop system that answers 5xx or cannot be reached counts against its breaker; each call is made once. */
    @Test
    void shouldCallOneStopOnceAndCountFailureWhenItAnswers5xxOrRefusesConnection() throws Exception {
        boolean[] reachable = {true};
        startOneStop(ex -> {
            if (!reachable[0]) {
                throw new ConnectException("Connection refused");
            }
            answering(502).process(ex);
        });

        Outcome failing = callOneStop();
        reachable[0] = false;
        Outcome unreachable = callOneStop();

        assertThat(failing.failure().kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE);
        assertThat(failing.failure().code()).isEqualTo("502");
        assertThat(unreachable.failure().kind()).isEqualTo(NationalFailure.Kind.UNAVAILABLE);
        assertCausedBy(unreachable.failure(), ConnectException.class);
        assertThat(calls).hasSize(2);
        assertThat(oneStopGuard.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
    }

    /** A failed population database call is made once and carries none of the inbound request's CamelHttp* headers. */
    @Test
    void shouldCallPopulationDbOnceWithoutInboundHttpHeadersWhenSoapCallFails() throws Exception {
        start("population-db", "call-population-db", ex -> {
            throw new IOException("Connection reset");
        }, "routes/citizen-lookup.camel.yaml", "population-db");

        Exchange ex = send("direct:population-db.call", "unused", "unused");

        assertFailedWith(ex, IOException.class);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).headers()).doesNotContainKeys(Exchange.HTTP_QUERY, Exchange.HTTP_RAW_QUERY, Exchange.HTTP_URI,
                Exchange.HTTP_PATH, Exchange.HTTP_METHOD);
    }
}
