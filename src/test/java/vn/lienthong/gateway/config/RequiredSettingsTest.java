package vn.lienthong.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import vn.lienthong.gateway.GatewayApplication;

/** Outside the sandbox the gateway refuses to start without the national settings, and says which. */
class RequiredSettingsTest {

    /** A start with no portal settings fails naming each missing key and its environment variable. */
    @Test
    void shouldRefuseToStartWhenNationalSettingsMissing() {
        Throwable t = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:required-settings", "--spring.jmx.enabled=false",
                        "--gateway.portal.base-url=", "--gateway.portal.username=", "--gateway.portal.password=",
                        "--gateway.portal.dstcode=", "--gateway.callbacks.secret=s-at-least-32-bytes-long-00000000", "--gateway.callbacks.payment-secret=p-at-least-32-bytes-long-00000000",
                        "--gateway.one-stop.base-url=http://localhost:9", "--gateway.one-stop.api-key=k").close());
        Throwable cause = t;
        while (cause != null && !(cause instanceof RequiredSettings.MissingSettingsException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("root cause of %s", t).isNotNull();
        FailureAnalysis analysis = new MissingSettingsFailureAnalyzer().analyze(t);
        assertThat(analysis.getDescription()).contains("gateway.portal.base-url (GATEWAY_PORTAL_BASE_URL)",
                "gateway.portal.username (GATEWAY_PORTAL_USERNAME)", "gateway.portal.password (GATEWAY_PORTAL_PASSWORD)",
                "gateway.portal.dstcode (GATEWAY_PORTAL_DSTCODE)");
        assertThat(analysis.getAction()).contains("sandbox");
    }
}
