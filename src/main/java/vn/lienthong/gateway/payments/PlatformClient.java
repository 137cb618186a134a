package vn.lienthong.gateway.payments;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import vn.lienthong.gateway.national.RemoteHttpClients;
import vn.lienthong.gateway.national.guard.NationalFailure;

/**
 * The payment platform's three calls (INIT, QUERY, GET_BILL): a JSON POST each, with the bearer token when one is
 * configured. The circuit breaker counts connection failures, timeouts, 5xx, 408 and 429; HttpClient's own retries are
 * off (the QUERY job asks again on its own schedule).
 */
class PlatformClient implements AutoCloseable {
    static final String SYSTEM = "payment-platform";

    /** An answer: its status, bytes and content type (may be null). */
    record Answer(int status, byte[] body, String contentType) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final PaymentProperties cfg;
    private final CircuitBreaker breaker;
    private final CloseableHttpClient http;

    PlatformClient(PaymentProperties cfg, CircuitBreaker breaker) {
        this.cfg = cfg;
        this.breaker = breaker;
        this.http = RemoteHttpClients.pooled(50, cfg.getConnectTimeoutMs(), cfg.getResponseTimeoutMs())
                .disableContentCompression().build();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    Answer init(byte[] body) {
        return post("INIT", cfg.getInitUrl(), body);
    }

    Answer query(byte[] body) {
        return post("QUERY", cfg.getQueryUrl(), body);
    }

    Answer bill(byte[] body) {
        return post("GET_BILL", cfg.getBillUrl(), body);
    }

    private Answer post(String message, String url, byte[] body) {
        if (!breaker.tryAcquirePermission()) {
            throw new NationalFailure(SYSTEM, NationalFailure.Kind.BREAKER_OPEN, null, (java.time.Duration) null,
                    message + " not sent: circuit breaker open", null);
        }
        HttpPost post = new HttpPost(url);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        post.setHeader(HttpHeaders.ACCEPT, "application/json");
        if (cfg.getAccessToken() != null && !cfg.getAccessToken().isBlank()) {
            post.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + cfg.getAccessToken());
        }
        long start = System.nanoTime();
        try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
            int status = response.getCode();
            byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            if (status >= 500 || status == 429 || status == 408) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, new IOException("HTTP " + status));
                throw new NationalFailure(SYSTEM, status == 408 ? NationalFailure.Kind.TIMEOUT : NationalFailure.Kind.UNAVAILABLE,
                        String.valueOf(status), (java.time.Duration) null, message + " answered HTTP " + status, null);
            }
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            Header type = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
            return new Answer(status, bytes, type == null ? null : type.getValue());
        } catch (IOException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            NationalFailure f = NationalFailure.from(SYSTEM, e);
            throw new NationalFailure(SYSTEM, f.kind(), null, (java.time.Duration) null,
                    message + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
