package vn.lienthong.gateway.national;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import vn.lienthong.gateway.national.portal.PortalProperties;
import vn.lienthong.gateway.national.portal.PortalQuota;

/**
 * The outbound routes as a contract, without the application: each route file of routes/ is loaded into a bare
 * Camel context, its HTTP (or SOAP) node woven by id into a recorder, and what reaches the wire is asserted:
 * the inbound request's CamelHttp* headers never leak into the call, the path and method are the route's own,
 * a failed call is made once (the delivery engine retries durably, never the route), and the breaker counts a
 * 5xx (and 429, and the one-stop system's 408) but not a 4xx about the request.
 */
class OutboundRoutesContractTest {

    /** One call as the woven node saw it. */
    private record Call(Map<String, Object> headers, String body) { }

    private final List<Call> calls = new ArrayList<>();
    private DefaultCamelContext camel;
    private final CircuitBreaker portalBreaker = breaker("national-portal");
    private final CircuitBreaker oneStopBreaker = breaker("one-stop");

    private static CircuitBreaker breaker(String name) {
        // a large window: the test reads the counts, nothing opens
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom().slidingWindowSize(100).minimumNumberOfCalls(100).build());
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
        camel.getRegistry().bind("nationalPortalQuota", new PortalQuota(new PortalProperties()));
        camel.getRegistry().bind("nationalPortalCircuitBreaker", portalBreaker);
        camel.getRegistry().bind("nationalPortalAnswerCheck", new UnavailableAnswerCheck("portal", false));
        camel.getRegistry().bind("oneStopCircuitBreaker", oneStopBreaker);
        camel.getRegistry().bind("oneStopAnswerCheck", new UnavailableAnswerCheck("one-stop system", true));
        load("routes/error-handling.camel.yaml", Set.of());
        load(file, Set.of(routeIds));
        AdviceWith.adviceWith(camel, routeId, a -> a.weaveById(node).replace().process(ex -> {
            calls.add(new Call(new LinkedHashMap<>(ex.getIn().getHeaders()), ex.getIn().getBody(String.class)));
            answer.process(ex);
        }));
        camel.start();
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
    private Exchange send(String uri, String pathProperty, String path) {
        return camel.createProducerTemplate().send(uri, ex -> {
            ex.setProperty(pathProperty, path);
            ex.getIn().setHeader(Exchange.HTTP_QUERY, "debug=true");
            ex.getIn().setHeader(Exchange.HTTP_URI, "/api/v1/dossier-events");
            ex.getIn().setHeader(Exchange.HTTP_PATH, "/dossier-events");
            ex.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
            ex.getIn().setHeader(Exchange.HTTP_RAW_QUERY, "debug=true");
            ex.getIn().setBody("{\"MaHoSo\":\"000.00.12.H47-261205-0001\"}");
        });
    }

    /** The call failed with {@code type}, itself or as the cause of Camel's wrapping. */
    private static void assertFailedWith(Exchange ex, Class<? extends Throwable> type) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = ex.getException(); c != null; c = c.getCause()) {
            chain.add(c);
        }
        assertThat(chain).as("the exchange's exception and its causes").anyMatch(type::isInstance);
    }

    private void assertOnlyRouteHttpHeaders(Call call, String path) {
        assertThat(call.headers()).containsEntry(Exchange.HTTP_METHOD, "POST").containsEntry(Exchange.HTTP_PATH, path)
                .containsEntry("Content-Type", "application/json; charset=UTF-8")
                .doesNotContainKeys(Exchange.HTTP_QUERY, Exchange.HTTP_RAW_QUERY, Exchange.HTTP_URI);
        assertThat(call.body()).isEqualTo("{\"MaHoSo\":\"000.00.12.H47-261205-0001\"}");
    }

    @Test
    void shouldCallPortalWithRoutesOwnPathAndNoInboundHttpHeadersWhenRequestCameOverRest() throws Exception {
        start("national-portal.http", "national-portal-http", answering(200), "routes/national-portal.camel.yaml",
                "national-portal", "national-portal.http");

        Exchange ex = send("direct:national-portal.call", "portalPath", "/integration");

        assertThat(ex.getException()).isNull();
        assertThat(calls).hasSize(1);
        assertOnlyRouteHttpHeaders(calls.get(0), "/integration");
    }

    @Test
    void shouldCallPortalOnceAndCountFailureWhenPortalAnswers5xx() throws Exception {
        start("national-portal.http", "national-portal-http", answering(503), "routes/national-portal.camel.yaml",
                "national-portal", "national-portal.http");

        Exchange ex = send("direct:national-portal.call", "portalPath", "/integration");

        assertFailedWith(ex, RemoteUnavailableException.class);
        assertThat(calls).hasSize(1);
        assertThat(portalBreaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void shouldCallPortalOnceWhenConnectionFails() throws Exception {
        start("national-portal.http", "national-portal-http", ex -> {
            throw new ConnectException("Connection refused");
        }, "routes/national-portal.camel.yaml", "national-portal", "national-portal.http");

        Exchange ex = send("direct:national-portal.call", "portalPath", "/integration");

        assertFailedWith(ex, ConnectException.class);
        assertThat(calls).hasSize(1);
        assertThat(portalBreaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void shouldNotCountAgainstBreakerWhenPortalRefusesRequestWith4xx() throws Exception {
        start("national-portal.http", "national-portal-http", answering(400), "routes/national-portal.camel.yaml",
                "national-portal", "national-portal.http");

        Exchange ex = send("direct:national-portal.call", "portalPath", "/integration");

        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(400);
        assertThat(portalBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(portalBreaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void shouldCallOneStopWithRoutesOwnPathAndNoInboundHttpHeadersWhenRequestCameOverRest() throws Exception {
        start("one-stop-forwarding.http", "one-stop-http", answering(201), "routes/one-stop-forwarding.camel.yaml",
                "one-stop-forwarding", "one-stop-forwarding.http");

        Exchange ex = send("direct:one-stop.call", "oneStopPath", "/api/v1/online-dossiers");

        assertThat(ex.getException()).isNull();
        assertOnlyRouteHttpHeaders(calls.get(0), "/api/v1/online-dossiers");
    }

    @Test
    void shouldCountTimeoutAnswerAndNotRefusalWhenOneStopAnswers408Then404() throws Exception {
        int[] status = {408};
        start("one-stop-forwarding.http", "one-stop-http", ex -> answering(status[0]).process(ex),
                "routes/one-stop-forwarding.camel.yaml", "one-stop-forwarding", "one-stop-forwarding.http");

        Exchange timedOut = send("direct:one-stop.call", "oneStopPath", "/api/v1/online-dossiers");
        status[0] = 404;
        Exchange refused = send("direct:one-stop.call", "oneStopPath", "/api/v1/online-dossiers");

        assertFailedWith(timedOut, RemoteUnavailableException.class);
        assertThat(refused.getException()).isNull();
        assertThat(calls).hasSize(2);
        assertThat(oneStopBreaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(oneStopBreaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

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
