package vn.lienthong.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.support.GatewayIntegrationTest;

/** Retention deletes only delivered events past the period, and only where it holds the cluster-wide lock. */
class RetentionJobTest extends GatewayIntegrationTest {
    @Autowired
    DataSource dataSource;

    private RetentionJob job() {
        RetentionProperties cfg = new RetentionProperties();
        cfg.setDelivered(Duration.ofDays(30));
        cfg.setBatchSize(2);
        cfg.setPauseBetweenBatches(Duration.ZERO);
        return new RetentionJob(dataSource, cfg, Clock.systemUTC());
    }

    /** Old delivered events go, in batches; recent ones and undelivered ones stay. */
    @Test
    void shouldPurgeOnlyOldDeliveredEventsWhenRun() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String old = newDossier();
        String recent = newDossier();
        for (int i = 0; i < 5; i++) {
            assertThat(postEvent(event(old + "-" + i, old, i == 0 ? "NEW" : "PROCESSING")).statusCode()).isEqualTo(202);
        }
        assertThat(postEvent(event(recent + "-0", recent, "NEW")).statusCode()).isEqualTo(202);
        awaitDelivered(old, 5);
        awaitDelivered(recent, 1);
        jdbc.update("UPDATE delivery_event SET delivered_at = ? WHERE partition_key = ?", OffsetDateTime.now().minusDays(31), old);

        assertThat(job().run()).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery_event WHERE partition_key = ?", Long.class, old)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery_event WHERE partition_key = ?", Long.class, recent)).isEqualTo(1);
        // Their payloads went with them; the recent event keeps its own.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery_payload p WHERE NOT EXISTS"
                + " (SELECT 1 FROM delivery_event e WHERE e.id = p.event_id)", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery_payload p JOIN delivery_event e ON e.id = p.event_id"
                + " WHERE e.partition_key = ?", Long.class, recent)).isEqualTo(1);
    }

    /** Audit rows older than the legal retention period go; younger ones stay. */
    @Test
    void shouldPurgeOnlyOldAuditRowsWhenRun() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (int daysAgo : new int[] {2000, 10}) {
            jdbc.update("INSERT INTO lookup_audit (accessed_at, client_id, operation, subject_hash, subject_masked, outcome, http_status)"
                    + " VALUES (?, 'retention-test', 'LOOKUP', 'h', '049******323', 'FOUND', 200)", OffsetDateTime.now().minusDays(daysAgo));
        }
        RetentionProperties cfg = new RetentionProperties();
        cfg.setAudit(Duration.ofDays(1825));
        assertThat(new RetentionJob(dataSource, cfg, Clock.systemUTC()).purgeAudit()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lookup_audit WHERE client_id = 'retention-test'", Long.class)).isEqualTo(1);
    }

    /** While another instance holds the job's lock, this one purges nothing. */
    @Test
    void shouldSkipWhenAnotherInstanceHoldsTheLock() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String old = newDossier();
        assertThat(postEvent(event(old + "-0", old, "NEW")).statusCode()).isEqualTo(202);
        awaitDelivered(old, 1);
        jdbc.update("UPDATE delivery_event SET delivered_at = ? WHERE partition_key = ?", OffsetDateTime.now().minusDays(31), old);
        jdbc.update("DELETE FROM shedlock WHERE name = ?", RetentionJob.LOCK);
        jdbc.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?, CURRENT_TIMESTAMP + INTERVAL '1' HOUR, CURRENT_TIMESTAMP, 'other-instance')",
                RetentionJob.LOCK);
        try {
            assertThat(job().run()).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery_event WHERE partition_key = ?", Long.class, old)).isEqualTo(1);
        } finally {
            jdbc.update("DELETE FROM shedlock WHERE name = ?", RetentionJob.LOCK);
        }
        assertThat(job().run()).isGreaterThanOrEqualTo(1);
    }
}
