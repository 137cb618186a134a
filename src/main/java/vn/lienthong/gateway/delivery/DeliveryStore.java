package vn.lienthong.gateway.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox in the database. Every state change is one short statement guarded by the claim token,
 * so a dispatcher that lost its lease cannot overwrite what another one did.
 */
public class DeliveryStore {

    static final String ACTIVE = "('QUEUED','RETRY_SCHEDULED','IN_FLIGHT')";
    static final String BLOCKING = "('QUEUED','RETRY_SCHEDULED','IN_FLIGHT','DEAD')";
    private static final String COLUMNS = "id, source, idem_key, request_hash, destination, partition_key, event_type, "
            + "operation, group_key, payload, parts_done, state, attempts, accepted_at, occurred_at, next_attempt_at, "
            + "lease_until, claim_token, last_error, delivered_at";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String claimSql;

    public DeliveryStore(DataSource dataSource, PlatformTransactionManager txManager, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        // Heads of partitions only: an event is claimable when no earlier event of its partition is still
        // pending, in flight or dead. PostgreSQL also skips rows another instance is claiming right now.
        String lock = isPostgres(dataSource) ? " FOR UPDATE OF e SKIP LOCKED" : "";
        this.claimSql = "SELECT e.id FROM delivery_event e WHERE e.destination = :dest AND e.state IN " + ACTIVE
                + " AND e.next_attempt_at <= :now AND (e.state <> 'IN_FLIGHT' OR e.lease_until < :now)"
                + " AND NOT EXISTS (SELECT 1 FROM delivery_event p WHERE p.destination = e.destination"
                + " AND p.partition_key = e.partition_key AND p.id < e.id AND p.state IN " + BLOCKING + ")"
                + " ORDER BY e.id LIMIT :limit" + lock;
    }

    private static boolean isPostgres(DataSource ds) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(ds, md -> md.getDatabaseProductName());
            return product != null && product.toLowerCase().contains("postgres");
        } catch (MetaDataAccessException e) {
            return false;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public Optional<StoredEvent> findByKey(String source, String idemKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery_event WHERE source = :s AND idem_key = :k",
                Map.of("s", source, "k", idemKey), MAPPER).stream().findFirst();
    }

    public Map<String, StoredEvent> findByKeys(String source, Collection<String> keys) {
        Map<String, StoredEvent> found = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT " + COLUMNS + " FROM delivery_event WHERE source = :s AND idem_key IN (:k)",
                new MapSqlParameterSource("s", source).addValue("k", keys), MAPPER)
                .forEach(e -> found.put(e.idemKey(), e));
        return found;
    }

    public Optional<StoredEvent> findById(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery_event WHERE id = :id", Map.of("id", id), MAPPER)
                .stream().findFirst();
    }

    public boolean partitionHasEvents(String destination, String partitionKey) {
        return !jdbc.queryForList("SELECT id FROM delivery_event WHERE destination = :d AND partition_key = :p LIMIT 1",
                Map.of("d", destination, "p", partitionKey), Long.class).isEmpty();
    }

    /**
     * Stores new events in one transaction, committed when this returns. A key already stored (by an
     * earlier call, or by another instance at the same moment) comes back as a repeat or a conflict.
     */
    public List<AcceptOutcome> accept(List<NewEvent> events) {
        try {
            return tx.execute(s -> insertAll(events));
        } catch (DuplicateKeyException raced) {
            // Someone stored one of these keys between our look-up and our insert: go one by one.
            List<AcceptOutcome> out = new ArrayList<>();
            for (NewEvent e : events) {
                out.add(acceptOne(e));
            }
            return out;
        }
    }

    private AcceptOutcome acceptOne(NewEvent e) {
        try {
            return tx.execute(s -> insertAll(List.of(e))).get(0);
        } catch (DuplicateKeyException raced) {
            StoredEvent existing = findByKey(e.source(), e.idemKey()).orElseThrow(() -> raced);
            return AcceptOutcome.of(existing, e.requestHash(), false);
        }
    }

    private List<AcceptOutcome> insertAll(List<NewEvent> events) {
        List<AcceptOutcome> out = new ArrayList<>(events.size());
        Map<String, StoredEvent> existing = findByKeys(events.get(0).source(),
                events.stream().map(NewEvent::idemKey).toList());
        for (NewEvent e : events) {
            StoredEvent known = existing.get(e.idemKey());
            if (known != null) {
                out.add(AcceptOutcome.of(known, e.requestHash(), false));
                continue;
            }
            OffsetDateTime now = now();
            MapSqlParameterSource p = new MapSqlParameterSource()
                    .addValue("source", e.source()).addValue("key", e.idemKey()).addValue("hash", e.requestHash())
                    .addValue("dest", e.destination()).addValue("part", e.partitionKey())
                    .addValue("type", e.eventType()).addValue("op", e.operation()).addValue("grp", e.groupKey())
                    .addValue("payload", e.payload()).addValue("now", now).addValue("occ", e.occurredAt());
            org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.update("INSERT INTO delivery_event (source, idem_key, request_hash, destination, partition_key, event_type,"
                    + " operation, group_key, payload, parts_done, state, attempts, accepted_at, occurred_at, next_attempt_at,"
                    + " updated_at) VALUES (:source, :key, :hash, :dest, :part, :type, :op, :grp, :payload, 0, 'QUEUED', 0,"
                    + " :now, :occ, :now, :now)", p, keys, new String[] {"id"});
            long id = keys.getKey().longValue();
            StoredEvent stored = new StoredEvent(id, e.source(), e.idemKey(), e.requestHash(), e.destination(),
                    e.partitionKey(), e.eventType(), e.operation(), e.groupKey(), e.payload(), 0, DeliveryState.QUEUED,
                    0, now, e.occurredAt(), now, null, null, null, null);
            existing.put(e.idemKey(), stored);
            out.add(AcceptOutcome.of(stored, e.requestHash(), true));
        }
        return out;
    }

    /** Claims up to {@code limit} heads of partitions for one destination; each holds until the lease ends. */
    public List<StoredEvent> claim(String destination, int limit, String owner, java.time.Duration lease) {
        String token = UUID.randomUUID().toString();
        return tx.execute(s -> {
            OffsetDateTime now = now();
            List<Long> ids = jdbc.queryForList(claimSql,
                    new MapSqlParameterSource("dest", destination).addValue("now", now).addValue("limit", limit), Long.class);
            if (ids.isEmpty()) {
                return List.of();
            }
            jdbc.update("UPDATE delivery_event SET state = 'IN_FLIGHT', claim_token = :token, claimed_by = :owner,"
                    + " lease_until = :lease, updated_at = :now WHERE id IN (:ids) AND (state IN ('QUEUED','RETRY_SCHEDULED')"
                    + " OR (state = 'IN_FLIGHT' AND lease_until < :now))",
                    new MapSqlParameterSource("token", token).addValue("owner", owner)
                            .addValue("lease", now.plus(lease)).addValue("now", now).addValue("ids", ids));
            return jdbc.query("SELECT " + COLUMNS + " FROM delivery_event WHERE claim_token = :token ORDER BY id",
                    Map.of("token", token), MAPPER);
        });
    }

    /** Records that the first {@code partsDone} parts are applied, at once, so they are never sent again. */
    public boolean markPartsDone(StoredEvent e, int partsDone, String operation) {
        return jdbc.update("UPDATE delivery_event SET parts_done = :n, operation = :op, updated_at = :now"
                        + " WHERE id = :id AND claim_token = :token",
                new MapSqlParameterSource("n", partsDone).addValue("op", operation).addValue("now", now())
                        .addValue("id", e.id()).addValue("token", e.claimToken())) == 1;
    }

    public int markDelivered(Collection<StoredEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        String token = events.iterator().next().claimToken();
        return jdbc.update("UPDATE delivery_event SET state = 'DELIVERED', delivered_at = :now, updated_at = :now,"
                        + " lease_until = NULL, last_error = NULL WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'",
                new MapSqlParameterSource("now", now()).addValue("token", token)
                        .addValue("ids", events.stream().map(StoredEvent::id).toList()));
    }

    /** A failed attempt: counted, and scheduled again or dead. */
    public boolean markFailed(StoredEvent e, DeliveryState state, OffsetDateTime nextAttempt, String error, boolean countAttempt) {
        return jdbc.update("UPDATE delivery_event SET state = :state, attempts = attempts + :inc, next_attempt_at = :next,"
                        + " last_error = :err, lease_until = NULL, updated_at = :now WHERE id = :id AND claim_token = :token"
                        + " AND state = 'IN_FLIGHT'",
                new MapSqlParameterSource("state", state.name()).addValue("inc", countAttempt ? 1 : 0)
                        .addValue("next", nextAttempt).addValue("err", truncate(error)).addValue("now", now())
                        .addValue("id", e.id()).addValue("token", e.claimToken())) == 1;
    }

    public boolean replay(String destination, long id) {
        return jdbc.update("UPDATE delivery_event SET state = 'QUEUED', attempts = 0, next_attempt_at = :now, updated_at = :now,"
                        + " last_error = " + concat("'replayed by administrator; was: '", "COALESCE(last_error, '')")
                        + " WHERE id = :id AND destination = :dest AND state = 'DEAD'",
                new MapSqlParameterSource("now", now()).addValue("id", id).addValue("dest", destination)) == 1;
    }

    public int replayAllDead(String destination) {
        return jdbc.update("UPDATE delivery_event SET state = 'QUEUED', attempts = 0, next_attempt_at = :now, updated_at = :now,"
                        + " last_error = " + concat("'replayed by administrator; was: '", "COALESCE(last_error, '')")
                        + " WHERE destination = :dest AND state = 'DEAD'",
                new MapSqlParameterSource("now", now()).addValue("dest", destination));
    }

    public boolean skip(String destination, long id) {
        return jdbc.update("UPDATE delivery_event SET state = 'SKIPPED', updated_at = :now, lease_until = NULL,"
                        + " last_error = " + concat("'skipped by administrator; was: '", "COALESCE(last_error, '')")
                        + " WHERE id = :id AND destination = :dest AND state IN ('DEAD','RETRY_SCHEDULED','QUEUED')",
                new MapSqlParameterSource("now", now()).addValue("id", id).addValue("dest", destination)) == 1;
    }

    private static String concat(String a, String b) {
        return "CONCAT(" + a + ", " + b + ")";
    }

    public List<StoredEvent> byPartition(String destination, String partitionKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery_event WHERE destination = :d AND partition_key = :p ORDER BY id",
                Map.of("d", destination, "p", partitionKey), MAPPER);
    }

    public List<StoredEvent> dead(String destination, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery_event WHERE destination = :d AND state = 'DEAD' ORDER BY id LIMIT :l",
                new MapSqlParameterSource("d", destination).addValue("l", limit), MAPPER);
    }

    public Map<DeliveryState, Long> counts(String destination) {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT state, COUNT(*) AS n FROM delivery_event WHERE destination = :d GROUP BY state",
                Map.of("d", destination), rs -> {
                    counts.put(DeliveryState.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        return counts;
    }

    public Optional<OffsetDateTime> oldestPending(String destination) {
        return Optional.ofNullable(jdbc.queryForObject(
                "SELECT MIN(accepted_at) FROM delivery_event WHERE destination = :d AND state IN " + ACTIVE,
                Map.of("d", destination), OffsetDateTime.class));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static final RowMapper<StoredEvent> MAPPER = (ResultSet rs, int n) -> new StoredEvent(
            rs.getLong("id"), rs.getString("source"), rs.getString("idem_key"), rs.getString("request_hash"),
            rs.getString("destination"), rs.getString("partition_key"), rs.getString("event_type"),
            rs.getString("operation"), rs.getString("group_key"), rs.getString("payload"), rs.getInt("parts_done"),
            DeliveryState.valueOf(rs.getString("state")), rs.getInt("attempts"), ts(rs, "accepted_at"),
            ts(rs, "occurred_at"), ts(rs, "next_attempt_at"), ts(rs, "lease_until"), rs.getString("claim_token"),
            rs.getString("last_error"), ts(rs, "delivered_at"));

    private static OffsetDateTime ts(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class);
    }
}
