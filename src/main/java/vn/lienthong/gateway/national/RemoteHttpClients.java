package vn.lienthong.gateway.national;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of a remote system called outside Camel (the civil-status service, the payment platform): pooled,
 * the configured connect and answer timeouts applied, and nothing done behind the caller's back (no retry, no
 * redirect, no cookies): a failed call is the caller's to classify and the delivery engine's to retry.
 */
public final class RemoteHttpClients {
    private RemoteHttpClients() {
    }

    /** A builder with these settings, for a caller to add to (then {@code build()}). */
    public static HttpClientBuilder pooled(int maxConnections, int connectTimeoutMs, int responseTimeoutMs) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs))
                                .setSocketTimeout(Timeout.ofMilliseconds(responseTimeoutMs)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofMilliseconds(responseTimeoutMs))
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(connectTimeoutMs)).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement();
    }

    /** {@link #pooled} built as it is. */
    public static CloseableHttpClient create(int maxConnections, int connectTimeoutMs, int responseTimeoutMs) {
        return pooled(maxConnections, connectTimeoutMs, responseTimeoutMs).build();
    }
}
