package vn.lienthong.gateway.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.storage.Durability;

/**
 * What the outbox's statements share: the connection, the transactions, the clocks, the wait for durability, and
 * what differs between H2 (one instance) and PostgreSQL (several).
 */
final class StoreDialect {

    /** States of an event that may still be delivered, and those that hold the rest of its partition back. */
    static final List<String> ACTIVE_STATES = List.of("QUEUED", "RETRY_SCHEDULED", "IN_FLIGHT");
    static final List<String> BLOCKING_STATES = List.of("QUEUED", "RETRY_SCHEDULED", "IN_FLIGHT", "DEAD");
    static final String BLOCKING = sqlList(BLOCKING_STATES);

    final NamedParameterJdbcTemplate jdbc;
    final TransactionTemplate tx;
    /** PostgreSQL: instances insert and claim concurrently. */
    final boolean postgres;
    /** The condition selecting one partition's events (parameters :d and :p), as the database's indexes serve it. */
    final String partition;
    private final Clock clock;
    /** Waited for where a commit must survive a crash before anyone is told of it (202, an applied part, an admin's act). */
    private final Durability durability;

    StoreDialect(DataSource dataSource, PlatformTransactionManager txManager, Clock clock, Durability durability) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.durability = durability;
        this.postgres = isPostgres(dataSource);
        // A partition's events: on H2 through the hash of destination and partition (V8), elsewhere by both columns.
        this.partition = postgres ? "destination = :d AND partition_key = :p"
                : "partition_hash = ORA_HASH(:d || '/' || :p) AND destination = :d AND partition_key = :p";
    }

    private static boolean isPostgres(DataSource ds) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(ds, md -> md.getDatabaseProductName());
            return product != null && product.toLowerCase().contains("postgres");
        } catch (MetaDataAccessException e) {
            return false;
        }
    }

    /** Now, at the database's precision (microseconds), so a row kept in memory equals the row read back. */
    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * The time leases are set and judged by: on PostgreSQL the database's clock, which every instance shares, so
     * a claim is never taken over early by an instance whose clock runs ahead, nor set short by one that runs
     * behind; on H2 (one instance) this JVM's. Due times of new events and retries stay on the instance's clock
     * (they are set by it), so a Retry-After is kept as before.
     */
    OffsetDateTime leaseNow() {
        if (!postgres) {
            return now();
        }
        return jdbc.getJdbcTemplate().queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class)
                .withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Waits until what was committed survives a crash. */
    void awaitDurable() {
        durability.await();
    }

    /** A settled outcome or an administrator's change, durable before anyone is told or anything else is sent. */
    int durable(int changed) {
        durability.await();
        return changed;
    }

    /** {@code ('A','B')} for an SQL IN list of fixed state names. */
    static String sqlList(List<String> states) {
        return states.stream().map(st -> "'" + st + "'").collect(Collectors.joining(",", "(", ")"));
    }
}
