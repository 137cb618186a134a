package vn.lienthong.gateway.payments;

import java.io.IOException;

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
import vn.lienthong.gateway.national.guard.NationalGuard;

/**
 * The payment platform's three calls (INIT, QUERY, GET_BILL): a JSON POST each, with the bearer token when one is
 * configured. Every call goes through the platform's {@link NationalGuard} (bulkhead, optional quota, breaker):
 * connection failures, timeouts, 5xx, 408 and 429 count against the breaker, any other answer is the caller's to read;
 * a call the guard refuses is not sent. HttpClient's own retries are off (the QUERY job asks again on its own schedule).
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
    private final NationalGuard guard;
    private final CloseableHttpClient http;

    PlatformClient(PaymentProperties cfg, NationalGuard guard) {
        this.cfg = cfg;
        this.guard = guard;
        this.http = RemoteHttpClients.pooled(50, cfg.getConnectTimeoutMs(), cfg.getResponseTimeoutMs())
                .disableContentCompression().build();
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

    /** One POST within the guard; a refusal by the guard names the message that was not sent. */
    private Answer post(String message, String url, byte[] body) {
        HttpPost post = new HttpPost(url);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        post.setHeader(HttpHeaders.ACCEPT, "application/json");
        if (cfg.getAccessToken() != null && !cfg.getAccessToken().isBlank()) {
            post.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + cfg.getAccessToken());
        }
        try {
            return guard.call(() -> send(message, post));
        } catch (NationalFailure f) {
            if (f.effect() != NationalFailure.Effect.NOT_SENT) {
                throw f;
            }
            throw new NationalFailure(SYSTEM, f.kind(), null, f.retryAfter(), message + " not sent: " + f.detail(), f);
        }
    }

    /** The call itself: the answer, or a {@link NationalFailure} for an outage (5xx, 429, 408, I/O). */
    private Answer send(String message, HttpPost post) {
        try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
            int status = response.getCode();
            byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            if (status >= 500 || status == 429 || status == 408) {
                throw new NationalFailure(SYSTEM, status == 408 ? NationalFailure.Kind.TIMEOUT : NationalFailure.Kind.UNAVAILABLE,
                        String.valueOf(status), (java.time.Duration) null, message + " answered HTTP " + status, null);
            }
            Header type = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
            return new Answer(status, bytes, type == null ? null : type.getValue());
        } catch (IOException e) {
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
