package vn.lienthong.gateway.national.portal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import vn.lienthong.gateway.national.GuardedRoute;
import vn.lienthong.gateway.national.NationalCallObserver;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;

/**
 * Speaks the portal's session protocol: each POST goes through the route {@code direct:national-portal.call}
 * (routes/national-portal.camel.yaml) within the portal's {@link NationalGuard} (bulkhead, quota, circuit
 * breaker). Logs in when it has no session and, when a call answers "session expired", logs in again once and
 * repeats the call.
 */
public class NationalPortalClient {
    /** The system named in its failures and their messages. */
    public static final String SYSTEM = "portal";
    private static final Logger log = LoggerFactory.getLogger(NationalPortalClient.class);
    public static final String ROUTE = "direct:national-portal.call";
    public static final String PATH_PROPERTY = "portalPath";
    /** Carries the one-stop request's correlation id to the portal when the call is made within it. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final GuardedRoute route;
    private final PortalProperties cfg;
    private final Supplier<PortalProtocol> protocol;
    private final ObjectMapper json;
    private volatile String session;
    private volatile NationalCallObserver observer = NationalCallObserver.NONE;

    public NationalPortalClient(ProducerTemplate producer, NationalGuard guard, PortalProperties cfg,
                                Supplier<PortalProtocol> protocol, ObjectMapper json) {
        this.route = route(producer, guard);
        this.cfg = cfg;
        this.protocol = protocol;
        this.json = json;
    }

    /**
     * The portal's calls within {@code guard}: a 5xx or 429 counts against its breaker, a 4xx does not (a 408 or
     * 413 is retried, but speaks of the request, not of an outage).
     */
    public static GuardedRoute route(ProducerTemplate producer, NationalGuard guard) {
        return new GuardedRoute(producer, ROUTE, guard, false);
    }

    public void observe(NationalCallObserver o) {
        this.observer = o == null ? NationalCallObserver.NONE : o;
    }

    /** One integration call; answers the portal's JSON answer with a call-level outcome other than SESSION_EXPIRED. */
    public JsonNode integration(String service, String agency, String updating, ArrayNode data) {
        return integration(service, agency, updating, data, () -> { });
    }

    /** As {@link #integration(String, String, String, ArrayNode)}; {@code beforeSend} runs right before each POST of the data. */
    public JsonNode integration(String service, String agency, String updating, ArrayNode data, Runnable beforeSend) {
        PortalProtocol p = protocol.get();
        return withSession(p.get("path.integration"), service, beforeSend, s -> {
            ObjectNode body = envelope(p, s, service, agency);
            if (updating != null) {
                body.put(p.get("request.updating"), updating);
            }
            body.set(p.get("request.data"), data);
            return body;
        });
    }

    /**
     * A read call (the catalogue's services): the session envelope ({@code session}, {@code madonvi}, {@code service})
     * and {@code fields}, POSTed to {@code path}; the answer as with {@link #integration}.
     */
    public JsonNode read(String path, String service, String agency, Map<String, String> fields) {
        PortalProtocol p = protocol.get();
        return withSession(path, service, () -> { }, s -> {
            ObjectNode body = envelope(p, s, service, agency);
            fields.forEach(body::put);
            return body;
        });
    }

    /** One POST with the current session; "session expired" logs in again once and repeats it. */
    private JsonNode withSession(String path, String service, Runnable beforeSend, Function<String, ObjectNode> body) {
        PortalProtocol p = protocol.get();
        String used = session();
        beforeSend.run();
        JsonNode answer = post(path, service, body.apply(used));
        if (p.outcome(code(p, answer)) == PortalProtocol.Outcome.SESSION_EXPIRED) {
            log.info("portal session expired; logging in again once");
            String fresh = relogin(used);
            beforeSend.run();
            answer = post(path, service, body.apply(fresh));
            if (p.outcome(code(p, answer)) == PortalProtocol.Outcome.SESSION_EXPIRED) {
                session = null;
                throw NationalFailure.of(SYSTEM, NationalFailure.Kind.UNAUTHORISED,
                        "portal refused a fresh session (" + message(p, answer) + ")");
            }
        }
        return answer;
    }

    private ObjectNode envelope(PortalProtocol p, String sessionId, String service, String agency) {
        ObjectNode body = json.createObjectNode();
        body.put(p.get("request.session"), sessionId);
        body.put(p.get("request.agency"), agency);
        body.put(p.get("request.service"), service);
        return body;
    }

    public static String code(PortalProtocol p, JsonNode answer) {
        JsonNode c = answer.get(p.get("answer.errorCode"));
        return c == null || c.isNull() ? "" : c.asText();
    }

    public static String message(PortalProtocol p, JsonNode answer) {
        JsonNode m = answer.get(p.get("answer.message"));
        return m == null || m.isNull() ? "" : m.asText();
    }

    private String session() {
        String s = session;
        return s != null ? s : relogin(null);
    }

    /** Logs in unless another thread already replaced the session that failed. */
    private synchronized String relogin(String failed) {
        if (session != null && !session.equals(failed)) {
            return session;
        }
        PortalProtocol p = protocol.get();
        ObjectNode body = json.createObjectNode();
        body.put(p.get("login.username"), cfg.getUsername());
        body.put(p.get("login.password"), cfg.getPassword());
        JsonNode answer = post(p.get("path.login"), "login", body);
        JsonNode s = answer.get(p.get("login.session"));
        if (p.outcome(code(p, answer)) != PortalProtocol.Outcome.SUCCESS || s == null || s.asText().isBlank()) {
            // Wrong credentials are a configuration fault: keep retrying (an operator fixes them) but say so loudly.
            log.error("portal login refused (error_code {}: {}); check gateway.portal.username/password",
                    code(p, answer), message(p, answer));
            throw NationalFailure.of(SYSTEM, NationalFailure.Kind.UNAUTHORISED, "portal login refused: error_code "
                    + code(p, answer));
        }
        session = s.asText();
        return session;
    }

    /** {@code operation} names the call in metrics: the service, or "login". */
    private JsonNode post(String path, String operation, ObjectNode body) {
        PortalProtocol p = protocol.get();
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long start = System.nanoTime();
        Exchange ex;
        try {
            ex = route.send(e -> {
                e.setProperty(PATH_PROPERTY, path);
                e.getIn().setHeader(p.get("header.destination"), cfg.getDstcode());
                java.util.Optional.ofNullable(MDC.get("correlationId")).ifPresent(id -> e.getIn().setHeader(CORRELATION_HEADER, id));
                e.getIn().setBody(payload);
            });
        } catch (NationalFailure failure) {
            observer.called(NationalPortalDestination.NAME, operation,
                    failure.effect() == NationalFailure.Effect.NOT_SENT ? "not_sent" : "failed", System.nanoTime() - start);
            throw failure;
        }
        observer.called(NationalPortalDestination.NAME, operation, "ok", System.nanoTime() - start);
        int status = ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String text = ex.getMessage().getBody(String.class);
        if (status == 413 || status == 408) {
            throw new NationalFailure(SYSTEM, status == 408 ? NationalFailure.Kind.TIMEOUT : NationalFailure.Kind.UNAVAILABLE,
                    String.valueOf(status), (Duration) null, "portal answered HTTP " + status, null);
        }
        if (status >= 400) {
            throw new NationalFailure(SYSTEM, NationalFailure.Kind.REFUSED, String.valueOf(status), (Duration) null,
                    "portal answered HTTP " + status + ": " + abbreviate(text), null);
        }
        try {
            JsonNode answer = json.readTree(text == null ? "" : text);
            if (answer == null || !answer.isObject() || !answer.has(p.get("answer.errorCode"))) {
                throw new IOException("not a portal answer (no " + p.get("answer.errorCode") + ")");
            }
            return answer;
        } catch (IOException e) {
            throw new NationalFailure(SYSTEM, NationalFailure.Kind.BAD_ANSWER, String.valueOf(status), (Duration) null,
                    "unreadable portal answer (HTTP " + status + "): " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
