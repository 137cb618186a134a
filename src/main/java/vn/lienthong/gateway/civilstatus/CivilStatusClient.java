package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.national.RemoteHttpClients;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;

/**
 * Speaks to the linked civil-status service: bearer login (renewed before the token expires and once on a 401),
 * LayDanhSachHoSo, the detail (its body handed over as a stream, never read into memory), CapNhatDaNhanHoSo and the
 * status report. Calls go through Apache HttpClient directly rather than a Camel route, because Camel's HTTP producer
 * ties a streamed answer's life to the exchange (closed at its end). Every request goes through the service's
 * {@link NationalGuard} (bulkhead, optional quota, breaker): timeouts, connection failures, 5xx, 408 and 429 count
 * against the breaker, a 4xx about the request does not; a request the guard refuses is not sent. HttpClient's own
 * retries are off: every retry is the delivery engine's.
 */
public class CivilStatusClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CivilStatusClient.class);
    public static final String SYSTEM = "civil-status";

    /** Reads a detail's body while its connection is open. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException, RefusedDossierException;
    }

    /** An answer to judge: its HTTP status and text. */
    public record Answer(int status, String text) {
    }

    private final CivilStatusProperties cfg;
    private final Supplier<CivilStatusVocabulary> vocab;
    private final NationalGuard guard;
    private final ObjectMapper json;
    private final Clock clock;
    private final CloseableHttpClient http;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    public CivilStatusClient(CivilStatusProperties cfg, Supplier<CivilStatusVocabulary> vocab, NationalGuard guard,
                             ObjectMapper json, Clock clock) {
        this.cfg = cfg;
        this.vocab = vocab;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
        this.http = RemoteHttpClients.create(20, cfg.getConnectTimeoutMs(), cfg.getResponseTimeoutMs());
    }

    public CircuitBreaker breaker() {
        return guard.breaker();
    }

    /** LayDanhSachHoSo: the waiting dossiers' list items. */
    public JsonNode list() {
        Answer a = call("list", () -> new HttpGet(url(cfg.getPaths().getList())));
        if (a.status() >= 400) {
            throw new NationalFailure(SYSTEM, NationalFailure.Kind.REFUSED, String.valueOf(a.status()), (Duration) null,
                    "LayDanhSachHoSo answered HTTP " + a.status(), null);
        }
        try {
            JsonNode items = json.readTree(a.text()).path(vocab.get().get("list.items"));
            return items.isArray() ? items : json.createArrayNode();
        } catch (IOException e) {
            throw new NationalFailure(SYSTEM, NationalFailure.Kind.BAD_ANSWER, null, (Duration) null, "unreadable LayDanhSachHoSo answer", e);
        }
    }

    /** The detail of a listed dossier, read by {@code reader} while it downloads. */
    public <T> T detail(String id, BodyReader<T> reader) throws RefusedDossierException {
        String path = cfg.getPaths().getDetail().replace("{id}", java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
        for (int round = 0; ; round++) {
            String used = token();
            HttpGet get = new HttpGet(url(path));
            get.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + used);
            get.setHeader(HttpHeaders.ACCEPT, "application/json");
            boolean mayRelogin = round == 0;
            Download<T> d = guard.call(() -> download(get, reader, mayRelogin));
            if (d.unauthorised()) {
                relogin(used);
                continue;
            }
            if (d.refused() != null) {
                throw d.refused();
            }
            if (d.local() != null) {
                throw d.local();
            }
            return d.value();
        }
    }

    /**
     * How a detail's download ended when the service itself did not fail: read, refused (a 4xx, a bad dossier), a 401
     * to log in again for, or failed here (the file store); the breaker counts none of them as a failure.
     */
    private record Download<T>(T value, boolean unauthorised, RefusedDossierException refused, RuntimeException local) {
    }

    /** One GET of a detail, within the guard: a {@link NationalFailure} for an outage, else the download's end. */
    private <T> Download<T> download(HttpGet get, BodyReader<T> reader, boolean mayRelogin) {
        try (ClassicHttpResponse response = http.executeOpen(null, get, null)) {
            int status = response.getCode();
            if (status == 401 && mayRelogin) {
                return new Download<>(null, true, null, null);
            }
            if (status >= 500 || status == 429 || status == 408) {
                throw new NationalFailure(SYSTEM, status == 408 ? NationalFailure.Kind.TIMEOUT : NationalFailure.Kind.UNAVAILABLE,
                        String.valueOf(status), retryAfter(response), "detail answered HTTP " + status, null);
            }
            if (status >= 400) {
                return new Download<>(null, false, new RefusedDossierException("the service answered HTTP " + status + " to the detail"), null);
            }
            try (InputStream body = response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent()) {
                return new Download<>(reader.read(body), false, null, null);
            } catch (RefusedDossierException refused) {
                return new Download<>(null, false, refused, null);
            } catch (RuntimeException local) {
                return new Download<>(null, false, null, local);
            }
        } catch (IOException e) {
            throw failure("detail download failed: ", e);
        }
    }

    /** CapNhatDaNhanHoSo for one dossier; answers the service's answer. */
    public Answer acknowledge(String portalCode) {
        CivilStatusVocabulary v = vocab.get();
        ObjectNode body = json.createObjectNode().put(v.get("ack.code"), portalCode).put(v.get("ack.received"), true);
        return call("ack", () -> withBody(new HttpPut(url(cfg.getPaths().getAck())), body.toString()));
    }

    /** One status report (the body already in the service's vocabulary). */
    public Answer status(String body) {
        return call("status", () -> withBody(new HttpPost(url(cfg.getPaths().getStatus())), body));
    }

    /** A small JSON call with the bearer token, logging in again once on 401. */
    private Answer call(String operation, Supplier<HttpUriRequestBase> request) {
        Answer a = null;
        for (int round = 0; round < 2; round++) {
            String used = token();
            HttpUriRequestBase r = request.get();
            r.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + used);
            r.setHeader(HttpHeaders.ACCEPT, "application/json");
            a = exchange(operation, r);
            if (a.status() != 401) {
                return a;
            }
            relogin(used);
        }
        throw NationalFailure.of(SYSTEM, NationalFailure.Kind.UNAUTHORISED, operation + ": the service refused a fresh token (HTTP 401)");
    }

    /** One request within the guard: the answer, or a {@link NationalFailure} for an outage (5xx, 429, 408, I/O). */
    private Answer exchange(String operation, HttpUriRequestBase r) {
        return guard.call(() -> {
            try (ClassicHttpResponse response = http.executeOpen(null, r, null)) {
                int status = response.getCode();
                String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                if (status >= 500 || status == 429 || status == 408) {
                    throw new NationalFailure(SYSTEM, status == 408 ? NationalFailure.Kind.TIMEOUT : NationalFailure.Kind.UNAVAILABLE,
                            String.valueOf(status), retryAfter(response), operation + " answered HTTP " + status, null);
                }
                return new Answer(status, text);
            } catch (IOException | org.apache.hc.core5.http.ParseException e) {
                throw failure(operation + " failed: ", e);
            }
        });
    }

    /** An I/O failure of a call, by the one classifier (a timeout or the service unreachable), its detail headed by {@code what}. */
    private static NationalFailure failure(String what, Exception e) {
        NationalFailure f = NationalFailure.from(SYSTEM, e);
        return new NationalFailure(SYSTEM, f.kind(), null, (Duration) null, what + e, e);
    }

    private String token() {
        String t = token;
        return t != null && clock.instant().isBefore(renewAt) ? t : relogin(t);
    }

    /** Logs in unless another thread already replaced the token that failed (or is about to expire). */
    private synchronized String relogin(String failed) {
        if (token != null && !token.equals(failed) && clock.instant().isBefore(renewAt)) {
            return token;
        }
        CivilStatusVocabulary v = vocab.get();
        ObjectNode body = json.createObjectNode().put(v.get("login.user"), cfg.getUsername()).put(v.get("login.password"), cfg.getPassword());
        HttpPost post = withBody(new HttpPost(url(cfg.getPaths().getToken())), body.toString());
        Answer a = exchange("login", post);
        String fresh = null;
        if (a.status() < 300) {
            try {
                fresh = json.readTree(a.text()).path(v.get("login.token")).asText(null);
            } catch (IOException unreadable) {
                fresh = null;
            }
        }
        if (fresh == null || fresh.isBlank()) {
            log.error("civil-status service login refused (HTTP {}); check gateway.civil-status.username/password", a.status());
            throw NationalFailure.of(SYSTEM, NationalFailure.Kind.UNAUTHORISED, "civil-status login refused: HTTP " + a.status());
        }
        token = fresh;
        renewAt = expiry(fresh).minus(cfg.getTokenRenewBefore());
        log.info("logged in to the civil-status service; token renewed after {}", renewAt);
        return fresh;
    }

    /** The token's expiry when it is a JWT with {@code exp}; otherwise now plus the configured lifetime. */
    private Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length == 3) {
            try {
                JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
                if (claims.path("exp").canConvertToLong()) {
                    return Instant.ofEpochSecond(claims.path("exp").asLong());
                }
            } catch (IOException | IllegalArgumentException notJwt) {
                log.debug("token is not a readable JWT");
            }
        }
        return clock.instant().plus(cfg.getTokenLifetime());
    }

    private static <T extends HttpUriRequestBase> T withBody(T request, String body) {
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return request;
    }

    private String url(String path) {
        return cfg.getBaseUrl() + path;
    }

    private static Duration retryAfter(ClassicHttpResponse r) {
        var h = r.getFirstHeader("Retry-After");
        return h == null ? null : NationalFailure.parseRetryAfter(h.getValue());
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
