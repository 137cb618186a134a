package vn.lienthong.gateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;


/**
 * Deletes delivered (and skipped) events older than their retention period, and audit rows older than the
 * legal one, a small batch per transaction,
 * so the live outbox is never locked for long. Runs on one instance at a time (ShedLock row in the
 * database), whichever instance's timer fires first.
 */
public class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    static final String LOCK = "retention-purge";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final LockingTaskExecutor locks;
    private final RetentionProperties cfg;
    private final Clock clock;

    public RetentionJob(DataSource dataSource, RetentionProperties cfg, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.locks = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build()));
        this.cfg = cfg;
        this.clock = clock;
    }

    /** Called by routes/retention.camel.yaml; answers how many rows this instance purged (0 if another held the lock). */
    public long run() {
        long[] purged = {0};
        locks.executeWithLock((Runnable) () -> purged[0] = purgeDelivered() + purgeAudit(),
                new LockConfiguration(Instant.now(clock), LOCK, cfg.getLockAtMostFor(), Duration.ZERO));
        return purged[0];
    }

    long purgeDelivered() {
        // An event and its payload go in the same transaction.
        long total = purge(params -> tx.execute(s -> {
            java.util.List<Long> ids = jdbc.queryForList("SELECT id FROM delivery_event WHERE state IN ('DELIVERED','SKIPPED')"
                    + " AND delivered_at < :before ORDER BY id LIMIT :n", params, Long.class);
            if (ids.isEmpty()) {
                return 0;
            }
            jdbc.update("DELETE FROM delivery_payload WHERE event_id IN (:ids)", new MapSqlParameterSource("ids", ids));
            return jdbc.update("DELETE FROM delivery_event WHERE id IN (:ids)", new MapSqlParameterSource("ids", ids));
        }), cfg.getDelivered());
        if (total > 0) {
            log.info("retention: purged {} delivered events older than {}", total, cfg.getDelivered());
        }
        return total;
    }

    /** Audit rows past the legal retention period (the only deletion the audit table ever sees). */
    long purgeAudit() {
        long total = purge(params -> jdbc.update("DELETE FROM lookup_audit WHERE id IN (SELECT id FROM lookup_audit"
                + " WHERE accessed_at < :before ORDER BY id LIMIT :n)", params), cfg.getAudit());
        // the enterprise lookups made for dossiers are kept as long, beside the citizen lookups of the same dossiers
        total += purge(params -> jdbc.update("DELETE FROM enterprise_lookup WHERE id IN (SELECT id FROM enterprise_lookup"
                + " WHERE looked_up_at < :before ORDER BY id LIMIT :n)", params), cfg.getAudit());
        if (total > 0) {
            log.info("retention: purged {} audit rows older than {}", total, cfg.getAudit());
        }
        return total;
    }

    /** Runs {@code batch} (parameters {@code before} and {@code n}) until it deletes fewer than a batch. */
    private long purge(java.util.function.ToIntFunction<MapSqlParameterSource> batch, java.time.Duration keep) {
        OffsetDateTime before = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(keep);
        long total = 0;
        while (true) {
            int n = batch.applyAsInt(new MapSqlParameterSource("before", before).addValue("n", cfg.getBatchSize()));
            total += n;
            if (n < cfg.getBatchSize()) {
                break;
            }
            try {
                Thread.sleep(cfg.getPauseBetweenBatches().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return total;
    }
}
