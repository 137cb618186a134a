package vn.lienthong.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.support.TestDatabase;

/**
 * Rolling upgrade: while one instance already runs the new release (and has migrated the database), the other
 * still runs the previous one. The previous release's own statements (src/test/resources/upgrade) must accept,
 * claim and deliver events in order on the newest schema, on H2 and on PostgreSQL.
 */
class UpgradeCompatibilityTest {
    private static final String DEST = "national-portal";

    /** On H2 migrated to the newest schema, the previous release accepts, claims in order and settles events. */
    @Test
    void shouldServePreviousReleaseWhenMigratedToNewestSchemaOnH2() throws IOException {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        new PreviousRelease(ds, "h2").run();
    }

    /** On PostgreSQL migrated to the newest schema, the previous release accepts, claims in order and settles events. */
    @Test
    void shouldServePreviousReleaseWhenMigratedToNewestSchemaOnPostgres() throws Exception {
        Optional<TestDatabase> pg = TestDatabase.postgres();
        assumeTrue(pg.isPresent(), TestDatabase.SKIP_MESSAGE);
        DriverManagerDataSource ds = new DriverManagerDataSource(pg.get().jdbcUrl(), pg.get().user(), "");
        try {
            Flyway.configure().dataSource(ds).schemas(pg.get().schema()).defaultSchema(pg.get().schema())
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
            new PreviousRelease(ds, "postgresql").run();
        } finally {
            new NamedParameterJdbcTemplate(ds).getJdbcTemplate().execute("DROP SCHEMA " + pg.get().schema() + " CASCADE");
        }
    }

    /** An instance of the previous release, speaking only through its statements. */
    private static final class PreviousRelease {
        private final Map<String, String> sql;
        private final NamedParameterJdbcTemplate jdbc;
        private final TransactionTemplate tx;
        private final boolean postgres;
        private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

        PreviousRelease(DataSource ds, String vendor) throws IOException {
            this.sql = statements(vendor);
            this.jdbc = new NamedParameterJdbcTemplate(ds);
            this.tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            this.postgres = vendor.equals("postgresql");
        }

        void run() {
            Map<String, Long> ids = accept(List.of("a-1", "a-2", "b-1", "c-1"));
            assertThat(jdbc.queryForList(sql.get("accept.partition-has-events"), Map.of("d", DEST, "p", "dossier-a"), Long.class))
                    .containsExactly(ids.get("a-1"));
            assertThat(jdbc.queryForMap(sql.get("accept.find-by-key"), Map.of("k", "a-1", "s", "one-stop")))
                    .containsEntry("payload", "{\"parts\":[\"a-1\"]}").containsEntry("state", "QUEUED");

            // Heads only: a-2 waits behind a-1 of the same dossier.
            String first = UUID.randomUUID().toString();
            assertThat(claim(first)).containsExactly(ids.get("a-1"), ids.get("b-1"), ids.get("c-1"));
            assertThat(jdbc.update(sql.get("delivery.renew"), held(first, ids.get("a-1"), ids.get("b-1"))
                    .addValue("until", now.plusSeconds(120)).addValue("now", now))).isEqualTo(2);
            assertThat(jdbc.queryForList(sql.get("delivery.renew-held"), held(first, ids.get("a-1")), Long.class)).hasSize(1);
            assertThat(jdbc.update(sql.get("delivery.part-done"), held(first, ids.get("a-1")).addValue("n", 1)
                    .addValue("op", "create").addValue("now", now))).isEqualTo(1);
            assertThat(jdbc.update(sql.get("delivery.last-part-done"), held(first, ids.get("a-1")).addValue("n", 2)
                    .addValue("op", "create").addValue("now", now))).isEqualTo(1);
            assertThat(failed(first, ids.get("b-1"), "RETRY_SCHEDULED")).isEqualTo(1);
            assertThat(failed(first, ids.get("c-1"), "DEAD")).isEqualTo(1);
            assertThat(jdbc.update(sql.get("delivery.skip"), Map.of("now", now, "id", ids.get("c-1"), "dest", DEST))).isEqualTo(1);

            // a-1 delivered: a-2 is its dossier's head now; b-1's retry is due.
            String second = UUID.randomUUID().toString();
            assertThat(claim(second)).containsExactly(ids.get("a-2"), ids.get("b-1"));
            assertThat(failed(second, ids.get("b-1"), "DEAD")).isEqualTo(1);
            assertThat(jdbc.update(sql.get("delivery.replay"), Map.of("now", now, "id", ids.get("b-1"), "dest", DEST))).isEqualTo(1);
            assertThat(jdbc.update(sql.get("delivery.delivered"), held(second, ids.get("a-2")).addValue("now", now))).isEqualTo(1);
            String third = UUID.randomUUID().toString();
            assertThat(claim(third)).containsExactly(ids.get("b-1"));
            assertThat(jdbc.update(sql.get("delivery.delivered"), held(third, ids.get("b-1")).addValue("now", now))).isEqualTo(1);

            Map<String, String> states = new HashMap<>();
            jdbc.query("SELECT idem_key, state FROM delivery_event", rs -> {
                states.put(rs.getString(1), rs.getString(2));
            });
            assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of("a-1", "DELIVERED", "a-2", "DELIVERED",
                    "b-1", "DELIVERED", "c-1", "SKIPPED"));
        }

        /** The accept of that release: one transaction, events then payloads; answers the ids by key. */
        private Map<String, Long> accept(List<String> keys) {
            return tx.execute(s -> {
                if (postgres) {
                    jdbc.queryForList(sql.get("accept.partition-lock"), Map.of("keys", List.of(1L, 2L, 3L)), Boolean.class);
                }
                jdbc.batchUpdate(sql.get("accept.insert-event"), keys.stream().map(k -> new MapSqlParameterSource()
                        .addValue("source", "one-stop").addValue("key", k).addValue("hash", "h-" + k).addValue("dest", DEST)
                        .addValue("part", "dossier-" + k.charAt(0)).addValue("type", "STATUS").addValue("op", "create")
                        .addValue("grp", "000.00.12.H47").addValue("now", now).addValue("occ", now))
                        .toArray(MapSqlParameterSource[]::new));
                Map<String, Long> ids = new HashMap<>();
                jdbc.query(sql.get("accept.read-ids"), Map.of("k", keys, "s", "one-stop"), rs -> {
                    ids.put(rs.getString("idem_key"), rs.getLong("id"));
                });
                jdbc.batchUpdate(sql.get("accept.insert-payload"), keys.stream().map(k -> new MapSqlParameterSource("id", ids.get(k))
                        .addValue("payload", "{\"parts\":[\"" + k + "\"]}")).toArray(MapSqlParameterSource[]::new));
                return ids;
            });
        }

        /** The claim of that release: the three states' heads, lowest ids first, taken under one token. */
        private List<Long> claim(String token) {
            return tx.execute(s -> {
                OffsetDateTime leaseNow = postgres
                        ? jdbc.getJdbcTemplate().queryForObject(sql.get("claim.lease-now"), OffsetDateTime.class) : now;
                MapSqlParameterSource p = new MapSqlParameterSource("dest", DEST).addValue("now", now.plusSeconds(1))
                        .addValue("leaseNow", leaseNow).addValue("limit", 100);
                List<Long> ids = new java.util.ArrayList<>();
                for (String state : List.of("claim.queued", "claim.retry", "claim.expired")) {
                    ids.addAll(jdbc.queryForList(sql.get(state), p, Long.class));
                }
                ids.sort(null);
                if (ids.isEmpty()) {
                    return ids;
                }
                jdbc.update(sql.get("claim.update"), new MapSqlParameterSource("token", token).addValue("owner", "previous-release")
                        .addValue("lease", leaseNow.plusSeconds(60)).addValue("now", now.plusSeconds(1))
                        .addValue("leaseNow", leaseNow).addValue("ids", ids));
                return jdbc.query(sql.get("claim.read"), new MapSqlParameterSource("token", token).addValue("ids", ids),
                        (rs, n) -> rs.getLong("id"));
            });
        }

        private int failed(String token, long id, String state) {
            return jdbc.update(sql.get("delivery.failed"), new MapSqlParameterSource("state", state).addValue("inc", 1)
                    .addValue("next", now).addValue("err", "HTTP 503").addValue("now", now).addValue("id", id).addValue("token", token));
        }

        private static MapSqlParameterSource held(String token, Long... ids) {
            return new MapSqlParameterSource("token", token).addValue("ids", List.of(ids));
        }

        /** The fixture's statements for this database: those without a vendor and those of this one. */
        private static Map<String, String> statements(String vendor) throws IOException {
            String text;
            try (InputStream in = UpgradeCompatibilityTest.class.getResourceAsStream("/upgrade/previous-release-delivery.sql")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> found = new HashMap<>();
            String[] blocks = text.split("(?m)^-- name: ");
            for (int i = 1; i < blocks.length; i++) {
                String[] head = blocks[i].split("\n", 2);
                String[] name = head[0].trim().split("\\s+");
                if (name.length == 1 || name[1].equals(vendor)) {
                    found.put(name[0], head[1].trim());
                }
            }
            return found;
        }
    }
}
