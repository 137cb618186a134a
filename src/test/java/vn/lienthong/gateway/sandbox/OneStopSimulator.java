package vn.lienthong.gateway.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * In-process stand-in for the provincial one-stop system's receiving API, built on WireMock like
 * {@link PortalSimulator}: it records every request (path, headers, body) and answers 201, or 401 without
 * the configured API key, unless a fault rule says otherwise. Control over HTTP at {@code /onestop/__sim/…}
 * (state, requests, faults, reset) and from Java.
 */
public final class OneStopSimulator implements AutoCloseable {
    public static final String BASE_PATH = "/onestop";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    /**
     * The receiving API's paths, a dossier code in the dossier's ones: the portal callbacks'
     * (mappings/portal-callback-kinds.yaml), the civil-status registrations' (civil-status-modules.yaml) and the
     * portal's pushed dossiers' (portal-push-procedures.yaml).
     */
    private static final Pattern RECEIVING_PATHS = Pattern.compile(
            "/api/v1/online-dossiers|/api/v1/dossiers/[0-9A-Za-z.]+-\\d{6}-\\d{4,5}/(supplements|withdrawal|payments|ratings)"
                    + "|/api/v1/civil-status/(births|deaths)|/api/v1/portal-dossiers");

    private final String apiKeyHeader;
    private final String apiKey;
    private final WireMockServer server;
    private final Object lock = new Object();
    private final List<OneStopRequest> requests = new ArrayList<>();
    private final List<int[]> remaining = new ArrayList<>();
    private final List<OneStopFault> faults = new ArrayList<>();

    public OneStopSimulator(int port, String apiKeyHeader, String apiKey) {
        this.apiKeyHeader = apiKeyHeader;
        this.apiKey = apiKey;
        this.server = new WireMockServer(wireMockConfig().bindAddress(SandboxConfiguration.BIND_ADDRESS).port(port).disableRequestJournal()
                .stubRequestLoggingDisabled(true).gzipDisabled(true).containerThreads(30).extensions(new Handler()));
    }

    public OneStopSimulator start() {
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
        return this;
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
        return "http://localhost:" + port() + BASE_PATH;
    }

    /** Every request received, in arrival order, including refused ones. */
    public List<OneStopRequest> requests() {
        synchronized (lock) { return List.copyOf(requests); }
    }

    /** The requests answered 2xx, in arrival order. */
    public List<OneStopRequest> accepted() {
        synchronized (lock) { return requests.stream().filter(r -> r.status() >= 200 && r.status() < 300).toList(); }
    }

    public void addFault(OneStopFault fault) {
        synchronized (lock) {
            faults.add(fault);
            remaining.add(new int[] {fault.times()});
        }
    }

    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
            remaining.clear();
        }
    }

    public void reset() {
        synchronized (lock) {
            requests.clear();
            clearFaults();
        }
    }

    private final class Handler implements ResponseDefinitionTransformerV2 {
        @Override public String getName() { return "lienthong-one-stop-simulator"; }
        @Override public boolean applyGlobally() { return true; }
        @Override public ResponseDefinition transform(ServeEvent event) { return handle(event.getRequest()); }
    }

    private ResponseDefinition handle(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        if (!path.startsWith(BASE_PATH + "/")) return json(404, "{\"error\":\"not found\"}");
        String route = path.substring(BASE_PATH.length());
        String method = request.getMethod().getName();
        if (route.startsWith("/__sim/")) return control(method, route.substring("/__sim/".length()), request.getBody());
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpHeader h : request.getHeaders().all()) headers.putIfAbsent(h.key().toLowerCase(), h.firstValue());
        String body = request.getBody() == null ? "" : new String(request.getBody(), UTF_8);
        // The receiving API defines these paths and no query: anything else is answered as a strict server would.
        boolean known = q < 0 && RECEIVING_PATHS.matcher(route).matches();
        if (!known || !method.equals("POST")) {
            int refused = known ? 405 : 404;
            synchronized (lock) {
                requests.add(new OneStopRequest(Instant.now(), method, url.substring(BASE_PATH.length()), Map.copyOf(headers), body, refused));
            }
            return json(refused, "{\"error\":\"" + (known ? "method not allowed" : "not found") + "\"}");
        }
        synchronized (lock) {
            OneStopFault fault = pick(route);
            ResponseDefinition answer;
            int status;
            if (fault != null && fault.mode() == OneStopFault.Mode.DOWN) {
                answer = aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                status = 0;
            } else if (fault != null && fault.mode() == OneStopFault.Mode.HTTP_ERROR) {
                status = fault.httpStatus();
                answer = jsonBuilder(status, "{\"error\":\"simulated failure\",\"status\":" + status + "}").build();
            } else if (apiKey != null && !apiKey.equals(headers.get(apiKeyHeader.toLowerCase()))) {
                status = 401;
                answer = jsonBuilder(401, "{\"error\":\"unauthenticated\"}").build();
            } else {
                status = 201;
                ResponseDefinitionBuilder b = jsonBuilder(201, "{\"received\":true}");
                if (fault != null && fault.mode() == OneStopFault.Mode.SLOW) b.withFixedDelay((int) fault.delayMillis());
                answer = b.build();
            }
            requests.add(new OneStopRequest(Instant.now(), method, route, Map.copyOf(headers), body, status));
            return answer;
        }
    }

    /** Called under the lock; consumes one unit of the chosen rule's budget. */
    private OneStopFault pick(String route) {
        for (int i = 0; i < faults.size(); i++) {
            OneStopFault f = faults.get(i);
            int[] left = remaining.get(i);
            if (left[0] == 0) continue;
            if (f.pathContains() != null && !route.contains(f.pathContains())) continue;
            if (left[0] > 0) left[0]--;
            return f;
        }
        return null;
    }

    private ResponseDefinition control(String method, String route, byte[] raw) {
        synchronized (lock) {
            switch (method + " " + route) {
                case "GET state" -> {
                    ObjectNode s = JSON.createObjectNode().put("requests", requests.size()).put("accepted", accepted().size());
                    ArrayNode f = s.putArray("faults");
                    for (int i = 0; i < faults.size(); i++) {
                        f.add(JSON.<ObjectNode>valueToTree(faults.get(i)).put("remaining", remaining.get(i)[0]));
                    }
                    return json(200, s.toString());
                }
                case "GET requests" -> { return json(200, JSON.valueToTree(requests).toString()); }
                case "POST faults" -> {
                    try {
                        JsonNode j = JSON.readTree(raw);
                        OneStopFault fault = new OneStopFault(OneStopFault.Mode.valueOf(j.path("mode").asText("").toUpperCase()),
                                j.path("times").asInt(-1), j.path("httpStatus").asInt(503), j.path("delayMillis").asLong(0),
                                j.path("pathContains").asText(null));
                        addFault(fault);
                        return json(201, JSON.valueToTree(fault).toString());
                    } catch (IOException | RuntimeException e) {
                        return json(400, "{\"error\":\"bad fault: modes DOWN, HTTP_ERROR, SLOW\"}");
                    }
                }
                case "DELETE faults" -> {
                    clearFaults();
                    return aResponse().withStatus(204).build();
                }
                case "POST reset" -> {
                    reset();
                    return aResponse().withStatus(204).build();
                }
                default -> { return json(404, "{\"error\":\"not found\"}"); }
            }
        }
    }

    private static ResponseDefinitionBuilder jsonBuilder(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.getBytes(UTF_8));
    }

    private static ResponseDefinition json(int status, String body) {
        return jsonBuilder(status, body).build();
    }
}
