package vn.lienthong.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.callbacks.CallbackSignature;
import vn.lienthong.gateway.logging.MaskedJsonFormatter;

/**
 * Thousands of generated hostile requests (bad credentials, headers, path values, bytes, JSON and fields; callbacks
 * signed and not) against every endpoint of {@link HostileEndpoints}. Each must be answered 4xx as
 * application/problem+json with nothing stored, nothing sent to a national system or the one-stop system, no ERROR
 * line, and no personal ID or name in the answer or the log.
 */
class HostileRequestsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static HostileGateway gateway;
    private static ListAppender<ILoggingEvent> logs;

    @BeforeContainer
    static void start() {
        gateway = HostileGateway.start();
        logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
    }

    @AfterContainer
    static void stop() {
        if (logs != null) {
            root().detachAppender(logs);
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Provide
    Arbitrary<HostileRequest> hostile() {
        return new HostileRequests(gateway.credentials()).any();
    }

    /** Every generated request is refused as a problem, and leaves no trace but its refusal. */
    @Property(tries = 1500)
    void shouldRefuseWithoutTraceWhenRequestIsHostile(@ForAll("hostile") HostileRequest r) throws Exception {
        HostileGateway.Traces before = gateway.traces();
        int logStart = logs.list.size();
        HttpResponse<String> answer = send(r);

        assertThat(answer.statusCode()).as("status of %s: %s", r, answer.body()).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as("content type of %s", r)
                .startsWith("application/problem+json");
        for (String secret : personal()) {
            assertThat(answer.body()).as("answer to %s", r).doesNotContain(secret);
        }
        assertThat(gateway.traces()).as("stored or sent after %s", r).isEqualTo(before);
        List<ILoggingEvent> lines;
        synchronized (logs) {
            lines = List.copyOf(logs.list.subList(logStart, logs.list.size()));
        }
        MaskedJsonFormatter format = new MaskedJsonFormatter();
        for (ILoggingEvent line : lines) {
            assertThat(line.getLevel()).as("log level after %s: %s", r, line.getFormattedMessage()).isNotEqualTo(Level.ERROR);
            String written = format.format(line);
            for (String secret : personal()) {
                assertThat(written).as("log after %s", r).doesNotContain(secret);
            }
        }
    }

    /** The list of endpoints attacked covers every REST route of routes/ (a new route must be added to HostileEndpoints). */
    @Example
    void shouldAttackEveryRestRouteWhenRoutesChange() {
        Set<String> routed = new TreeSet<>();
        CamelContext camel = gateway.camel();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String base = rest.getPath() == null ? "" : rest.getPath().replaceAll("/+$", "");
                String path = verb.getPath() == null ? "" : verb.getPath().startsWith("/") ? verb.getPath() : "/" + verb.getPath();
                routed.add(verb.asVerb().toUpperCase(Locale.ROOT) + " " + base + path);
            }
        }
        Set<String> covered = new TreeSet<>(HostileEndpoints.NOT_ATTACKED);
        HostileEndpoints.ALL.forEach(e -> covered.add(e.routeKey()));
        assertThat(covered).as("REST routes of routes/*.camel.yaml vs HostileEndpoints").containsAll(routed);
    }

    private static List<String> personal() {
        List<String> all = new java.util.ArrayList<>(HostileRequests.PERSONAL_IDS);
        all.addAll(HostileRequests.NAMES);
        return all;
    }

    private HttpResponse<String> send(HostileRequest r) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + r.path())).timeout(Duration.ofSeconds(20))
                .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(r.body()));
        r.headers().forEach(b::header);
        if (r.signed()) {
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            b.header("X-Portal-Timestamp", ts);
            b.header("X-Portal-Signature", CallbackSignature.sign(gateway.credentials().callbackSecret(), ts,
                    r.body() == null ? new byte[0] : r.body()));
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedEarly) {
            // An oversized body may be refused before the client finished sending it: ask again for the answer alone.
            throw new AssertionError("no answer to " + r, closedEarly);
        }
    }
}
