package vn.lienthong.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL the suite runs against when one is given: {@code -Dgateway.test.postgres-url=jdbc:postgresql://…}
 * (or GATEWAY_TEST_POSTGRES_URL). .ci/run gives it; the README's plain {@code mvn test} does not, and then the
 * suite runs on H2 and the PostgreSQL-only tests are skipped with a message saying so.
 */
public final class TestDatabase {
    public static final String SKIP_MESSAGE = "PostgreSQL tests skipped: no PostgreSQL URL given "
            + "(run with -Dgateway.test.postgres-url=jdbc:postgresql://127.0.0.1:5432/test, as .ci/run does)";

    private final String url;
    private final String user;
    private final String schema;

    private TestDatabase(String url, String user, String schema) {
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    public static Optional<TestDatabase> postgres() {
        String url = System.getProperty("gateway.test.postgres-url", System.getenv("GATEWAY_TEST_POSTGRES_URL"));
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String user = System.getProperty("gateway.test.postgres-user", System.getenv().getOrDefault("GATEWAY_TEST_POSTGRES_USER", "postgres"));
        return Optional.of(new TestDatabase(url, user, "gw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
    }

    /** A fresh schema of its own, so runs never see each other's rows. */
    public String schema() {
        return schema;
    }

    public String jdbcUrl() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String user() {
        return user;
    }

    public void register(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", this::jdbcUrl);
        r.add("spring.datasource.username", () -> user);
        r.add("spring.datasource.password", () -> "");
        r.add("spring.flyway.schemas", () -> schema);
        r.add("spring.flyway.default-schema", () -> schema);
    }

    public String[] springArgs() {
        return new String[] {"--spring.datasource.url=" + jdbcUrl(), "--spring.datasource.username=" + user,
                "--spring.datasource.password=", "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema};
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, "");
    }
}
