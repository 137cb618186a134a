package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.callbacks.CallbackSignature;
import vn.lienthong.gateway.sandbox.PortalSimulator;
import vn.lienthong.gateway.support.GatewayIntegrationTest;
import vn.lienthong.gateway.support.GatewayProcess;
import vn.lienthong.gateway.support.TestDatabase;

/**
 * The gateway run as a restricted PostgreSQL role, as config/postgres-grants.sql sets it up: the schema's owner migrates
 * (spring.flyway.user), the runtime role accepts, delivers, audits and takes callbacks, but cannot change a table,
 * update the audit log, or delete audit rows younger than the legal retention. Skipped without a PostgreSQL URL.
 */
class RuntimeRolePostgresTest {
    private static final String CALLBACK_SECRET = "unused-at-least-32-bytes-long-00000000";
    private static final String LOOKUP_KEY = "runtime-role-lookup-key";

    private final PortalSimulator portal = new PortalSimulator(0, "pg-user", "pg-secret").start();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String schema = "rr_" + suffix;
    private final String owner = "rr_owner_" + suffix;
    private final String runtime = "rr_app_" + suffix;
    private String url;
    private String admin;
    private GatewayProcess gateway;

    @BeforeEach
    void roles() throws SQLException {
        url = System.getProperty("gateway.test.postgres-url", System.getenv("GATEWAY_TEST_POSTGRES_URL"));
        assumeTrue(url != null && !url.isBlank(), TestDatabase.SKIP_MESSAGE);
        admin = System.getProperty("gateway.test.postgres-user", System.getenv().getOrDefault("GATEWAY_TEST_POSTGRES_USER", "postgres"));
        try (Connection c = DriverManager.getConnection(url, admin, ""); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + owner + " LOGIN");
            s.execute("CREATE ROLE " + runtime + " LOGIN");
            s.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + owner);
        }
    }

    @AfterEach
    void drop() throws Exception {
        if (gateway != null && gateway.alive()) {
            gateway.stop();
        }
        portal.stop();
        if (admin != null) {
            try (Connection c = DriverManager.getConnection(url, admin, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                for (String role : List.of(runtime, owner)) {
                    s.execute("DROP OWNED BY " + role);
                    s.execute("DROP ROLE " + role);
                }
            }
        }
    }

    /** Runs config/postgres-grants.sql with psql, as the deployment guide says. */
    private void grants() throws Exception {
        URI u = URI.create(url.substring("jdbc:".length()));
        String db = u.getPath().substring(1);
        Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", u.getHost(), "-p",
                String.valueOf(u.getPort() < 0 ? 5432 : u.getPort()), "-U", admin, "-d", db, "-v", "schema=" + schema,
                "-v", "owner=" + owner, "-v", "runtime=" + runtime, "-f", Path.of("config", "postgres-grants.sql").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private Connection as(String role) throws SQLException {
        return DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, role, "");
    }

    /** Owner migrates, runtime serves: events delivered, lookups audited, callbacks stored; the audit log stays append-only. */
    @Test
    void shouldServeAsRuntimeRoleWhileAuditStaysAppendOnly() throws Exception {
        grants();
        String jdbc = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + jdbc,
                "--spring.datasource.username=" + runtime, "--spring.datasource.password=",
                "--spring.flyway.user=" + owner, "--spring.flyway.password=", "--spring.flyway.schemas=" + schema,
                "--spring.flyway.default-schema=" + schema,
                "--gateway.portal.base-url=" + portal.baseUrl(), "--gateway.portal.username=pg-user",
                "--gateway.portal.password=pg-secret", "--gateway.portal.dstcode=PG-ROLE",
                "--gateway.security.api-keys[1].client-id=lookups",
                "--gateway.security.api-keys[1].sha256=" + ApiKeyAuthenticationFilter.sha256(LOOKUP_KEY),
                "--gateway.security.api-keys[1].scopes=citizen:read"));
        gateway = GatewayProcess.start("runtime-role", args);
        grants(); // after the first start, as the guide says: the audit log's own restrictions

        String dossier = GatewayIntegrationTest.AGENCY + "-261124-0" + (100 + (int) (Math.random() * 899));
        String event = "{\"eventId\":\"rr-" + suffix + "\",\"dossierCode\":\"" + dossier + "\",\"procedureCode\":\"1.001612\","
                + "\"agencyCode\":\"" + GatewayIntegrationTest.AGENCY + "\",\"status\":\"NEW\",\"occurredAt\":\"2026-11-24T09:15:00+07:00\"}";
        assertThat(gateway.post("/api/v1/dossier-events", event).statusCode()).isEqualTo(202);
        gateway.await("the event delivered", Duration.ofSeconds(30), () -> !portal.appliedRecords(dossier).isEmpty());

        HttpClient http = HttpClient.newHttpClient();
        // The population database of this process is unreachable: a 503, audited all the same.
        HttpResponse<String> lookup = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port()
                + "/api/v1/citizens/049192757491")).header("X-API-Key", LOOKUP_KEY).header("X-Officer-Id", "cb")
                .header("X-Purpose", "CIVIL_STATUS").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lookup.statusCode()).as(lookup.body()).isIn(503, 504);

        String callback = "{\"LoaiThongBao\":\"RUT_HOSO\",\"DuLieu\":{\"MaHoSo\":\"" + dossier + "\",\"LyDo\":\"rút\","
                + "\"ThoiDiem\":\"20261125094500\"}}";
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        HttpResponse<String> pushed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port()
                        + "/api/v1/portal/callbacks")).header("Content-Type", "application/json").header("X-Portal-Message-Id", "rr-" + suffix)
                .header("X-Portal-Timestamp", ts).header("X-Portal-Signature", CallbackSignature.sign(CALLBACK_SECRET, ts,
                        callback.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(callback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);

        try (Connection o = as(owner); Statement s = o.createStatement()) {
            s.execute("INSERT INTO lookup_audit (accessed_at, client_id, operation, subject_hash, subject_masked, outcome, http_status)"
                    + " VALUES (CURRENT_TIMESTAMP - INTERVAL '2000 days', 'old', 'LOOKUP', 'h', '049******491', 'FOUND', 200)");
        }
        try (Connection r = as(runtime); Statement s = r.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM lookup_audit WHERE client_id = 'lookups'")).isEqualTo(1);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE lookup_audit SET outcome = 'FOUND'")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("CREATE TABLE intruder (id INT)")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("DROP TABLE lookup_audit")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE lookup_audit_policy SET min_retention = INTERVAL '0 days'"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM flyway_schema_history")).isInstanceOf(SQLException.class);
            // The retention purge's statement (ops/RetentionJob): only the row past the legal retention goes.
            assertThat(s.executeUpdate("DELETE FROM lookup_audit WHERE id IN (SELECT id FROM lookup_audit"
                    + " WHERE accessed_at < CURRENT_TIMESTAMP ORDER BY id LIMIT 1000)")).isEqualTo(1);
            assertThat(count(s, "SELECT COUNT(*) FROM lookup_audit WHERE client_id = 'lookups'")).isEqualTo(1);
            assertThat(count(s, "SELECT COUNT(*) FROM lookup_audit WHERE client_id = 'old'")).isZero();
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
