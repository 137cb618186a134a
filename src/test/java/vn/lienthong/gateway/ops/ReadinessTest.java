package vn.lienthong.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Readiness follows the database: a gateway of its own whose DataSource can be switched to refusing every
 * connection, as when the database server goes away. It registers no MBeans (the shared test gateway keeps them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:readiness;DB_CLOSE_DELAY=-1",
        "gateway.portal.base-url=http://localhost:9/portal",
        "gateway.portal.username=u",
        "gateway.portal.password=p",
        "gateway.portal.dstcode=D",
        "gateway.callbacks.secret=s-at-least-32-bytes-long-00000000",
        "gateway.callbacks.payment-secret=p-at-least-32-bytes-long-00000000",
        "gateway.one-stop.base-url=http://localhost:9/one-stop",
        "gateway.one-stop.api-key=k",
        "gateway.delivery.auto-start=false",
        "gateway.ops.register-mbeans=false",
        "spring.datasource.hikari.connection-timeout=500",
})
@DirtiesContext
class ReadinessTest {
    static final AtomicBoolean DATABASE_DOWN = new AtomicBoolean();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @TestConfiguration
    static class SwitchableDatabase {
        @Bean
        static BeanPostProcessor switchableDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource ds && !(bean instanceof DelegatingDataSource) ? new DelegatingDataSource(ds) {
                        @Override
                        public Connection getConnection() throws SQLException {
                            if (DATABASE_DOWN.get()) {
                                throw new SQLException("database unreachable (test switch)", "08001");
                            }
                            return super.getConnection();
                        }
                    } : bean;
                }
            };
        }
    }

    private int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Readiness answers 503 while the database is unreachable and 200 again when it is back; liveness stays 200. */
    @Test
    void shouldFlipReadinessWhenDatabaseGoesAwayAndComesBack() throws Exception {
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);
        DATABASE_DOWN.set(true);
        try {
            assertThat(status("/actuator/health/readiness")).isEqualTo(503);
            assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        } finally {
            DATABASE_DOWN.set(false);
        }
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);
    }
}
