package vn.lienthong.gateway.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Common part of the in-process simulators of the lookup systems (WireMock with one global transformer):
 * the fictional records of src/test/resources/sandbox/, failure switches ({@link SimFault}) settable from
 * code or over HTTP ({@code <base>/__sim/faults} POST/DELETE, {@code <base>/__sim/state}, {@code
 * <base>/__sim/reset}), and a count of the national calls served.
 */
public abstract class LookupSimulator implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final String basePath;
    private final WireMockServer server;
    private final List<ActiveFault> faults = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private static final int MAX_LINES_KEPT = 10_000;
    private final ArrayDeque<String> requestLines = new ArrayDeque<>();

    protected LookupSimulator(int port, String basePath) {
        this.basePath = basePath;
        this.server = new WireMockServer(wireMockConfig().bindAddress(SandboxConfiguration.BIND_ADDRESS)
                .port(port)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .gzipDisabled(true)
                .containerThreads(60)
                .extensions(new Handler()));
    }

    /** What to send back; {@code fault} set means drop the connection instead. */
    protected record Answer(int status, String contentType, String body, Fault fault, int delayMillis, Integer retryAfter) {
        public static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body, null, 0, null);
        }

        Answer delayed(long millis) {
            return new Answer(status, contentType, body, fault, (int) millis, retryAfter);
        }

        ResponseDefinition toDefinition() {
            ResponseDefinitionBuilder b = aResponse();
            if (fault != null) return b.withFault(fault).build();
            b.withStatus(status);
            if (body != null) b.withHeader("Content-Type", contentType).withBody(body.getBytes(UTF_8));
            if (retryAfter != null) b.withHeader("Retry-After", retryAfter.toString());
            if (delayMillis > 0) b.withFixedDelay(delayMillis);
            return b.build();
        }
    }

    private static final class ActiveFault {
        final SimFault spec;
        int remaining;

        ActiveFault(SimFault spec) {
            this.spec = spec;
            this.remaining = spec.times();
        }
    }

    @SuppressWarnings("unchecked")
    public <T extends LookupSimulator> T start() {
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
        return (T) this;
    }

    public void stop() {
        if (server.isRunning()) server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://localhost:" + port() + basePath;
    }

    /** National calls served (control calls excluded). */
    public int calls() {
        return calls.get();
    }

    /** Method and URL (path and query, as sent) of the latest requests but the control ones, refused ones included. */
    public List<String> requestLines() {
        synchronized (requestLines) { return List.copyOf(requestLines); }
    }

    public void addFault(SimFault fault) {
        synchronized (faults) { faults.add(new ActiveFault(fault)); }
    }

    public void clearFaults() {
        synchronized (faults) { faults.clear(); }
    }

    public void reset() {
        clearFaults();
        calls.set(0);
        synchronized (requestLines) { requestLines.clear(); }
    }

    /** Whether path and query (null when none) are exactly what the national contract defines. */
    protected abstract boolean exactUrl(String path, String query);

    /** The HTTP method of the national operation. */
    protected abstract String method();

    /** The national answer to one request; {@code fault} is the rule that fires for it, or null. */
    protected abstract Answer serve(Request request, SimFault fault);

    /** The answer of a FAULT or RATE_LIMITED rule in the system's own shape. */
    protected abstract Answer faultAnswer(SimFault fault);

    protected static JsonNode records(String resource) {
        try (InputStream in = LookupSimulator.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing " + resource);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private SimFault pickFault() {
        synchronized (faults) {
            for (ActiveFault f : faults) {
                if (f.remaining == 0) continue;
                if (f.remaining > 0) f.remaining--;
                return f.spec;
            }
            return null;
        }
    }

    private Answer handle(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        if (path.startsWith(basePath + "/__sim/")) {
            return control(request.getMethod().getName(), path.substring((basePath + "/__sim/").length()), request.getBody());
        }
        synchronized (requestLines) {
            requestLines.addLast(request.getMethod().getName() + " " + url);
            if (requestLines.size() > MAX_LINES_KEPT) requestLines.removeFirst();
        }
        if (!exactUrl(path, q < 0 ? null : url.substring(q + 1))) {
            // a strict national system (or the LGSP before it) matches the whole URL, query included
            return Answer.of(404, "text/plain; charset=utf-8", "not found");
        }
        if (!request.getMethod().getName().equals(method())) {
            return Answer.of(405, "text/plain; charset=utf-8", "method not allowed");
        }
        calls.incrementAndGet();
        SimFault fault = pickFault();
        if (fault != null) {
            switch (fault.mode()) {
                case DOWN -> { return new Answer(0, null, null, Fault.CONNECTION_RESET_BY_PEER, 0, null); }
                case FAULT, RATE_LIMITED -> { return faultAnswer(fault); }
                case SLOW -> { return serve(request, null).delayed(fault.delayMillis()); }
                default -> { }
            }
        }
        return serve(request, null);
    }

    private Answer control(String method, String route, byte[] raw) {
        switch (method + " " + route) {
            case "GET state", "GET faults" -> {
                ArrayNode out = JSON.createArrayNode();
                synchronized (faults) {
                    for (ActiveFault f : faults) out.add(JSON.<JsonNode>valueToTree(f.spec));
                }
                return Answer.of(200, "application/json", JSON.createObjectNode().put("calls", calls.get()).set("faults", out).toString());
            }
            case "POST faults" -> {
                try {
                    JsonNode j = JSON.readTree(raw);
                    SimFault f = new SimFault(SimFault.Mode.valueOf(j.path("mode").asText("").toUpperCase()),
                            j.path("times").asInt(SimFault.UNTIL_CLEARED), j.path("delayMillis").asLong(0),
                            j.path("code").asText(null), j.path("retryAfterSeconds").asInt(1));
                    addFault(f);
                    return Answer.of(201, "application/json", JSON.valueToTree(f).toString());
                } catch (IOException | RuntimeException e) {
                    return Answer.of(400, "application/json", "{\"error\":\"invalid fault: mode DOWN|SLOW|FAULT|RATE_LIMITED, times, delayMillis, code, retryAfterSeconds\"}");
                }
            }
            case "DELETE faults" -> {
                clearFaults();
                return Answer.of(204, null, null);
            }
            case "POST reset" -> {
                reset();
                return Answer.of(204, null, null);
            }
            default -> {
                return Answer.of(404, "application/json", "{\"error\":\"unknown control\"}");
            }
        }
    }

    private final class Handler implements ResponseDefinitionTransformerV2 {
        private final String name = "lienthong-" + getClass().getSimpleName() + "-" + System.identityHashCode(this);

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return handle(event.getRequest()).toDefinition();
        }
    }
}
