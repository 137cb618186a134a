package vn.lienthong.gateway.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** Read-only questions to the outbox: an event by key or id, a partition's events, the dead, counts per state. */
final class StoredEvents {

    /** Selected columns and the join that brings each row its payload (stored apart: V5__delivery_payload.sql). */
    static final String COLUMNS = "id, source, idem_key, request_hash, destination, partition_key, event_type, "
            + "operation, group_key, payload, parts_done, state, attempts, accepted_at, occurred_at, next_attempt_at, "
            + "lease_until, claim_token, last_error, delivered_at";
    static final String FROM = " FROM delivery_event LEFT JOIN delivery_payload ON event_id = id";

    private final StoreDialect db;
    /** Partitions seen to have events (committed ones): spares the accepting flows a query per event. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> knownPartitions =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000).build();

    StoredEvents(StoreDialect db) {
        this.db = db;
    }

    public Optional<StoredEvent> findByKey(String source, String idemKey) {
        return db.jdbc.query("SELECT " + COLUMNS + FROM + " WHERE idem_key = :k AND source = :s",
                Map.of("s", source, "k", idemKey), MAPPER).stream().findFirst();
    }

    public Map<String, StoredEvent> findByKeys(String source, Collection<String> keys) {
        Map<String, StoredEvent> found = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        db.jdbc.query("SELECT " + COLUMNS + FROM + " WHERE idem_key IN (:k) AND source = :s",
                new MapSqlParameterSource("s", source).addValue("k", keys), MAPPER)
                .forEach(e -> found.put(e.idemKey(), e));
        return found;
    }

    public Optional<StoredEvent> findById(long id) {
        return db.jdbc.query("SELECT " + COLUMNS + FROM + " WHERE id = :id", Map.of("id", id), MAPPER)
                .stream().findFirst();
    }

    /**
     * Whether the partition has any event stored. A yes is remembered (a partition only gets events, until the
     * retention purge, after which its destination knows it anyway); a no is always asked of the database.
     */
    public boolean partitionHasEvents(String destination, String partitionKey) {
        String key = destination + "\n" + partitionKey;
        if (knownPartitions.getIfPresent(key) != null) {
            return true;
        }
        boolean has = !db.jdbc.queryForList("SELECT id FROM delivery_event WHERE " + db.partition + " LIMIT 1",
                Map.of("d", destination, "p", partitionKey), Long.class).isEmpty();
        if (has) {
            knownPartitions.put(key, Boolean.TRUE);
        }
        return has;
    }

    public List<StoredEvent> byPartition(String destination, String partitionKey) {
        return db.jdbc.query("SELECT " + COLUMNS + FROM + " WHERE " + db.partition + " ORDER BY id",
                Map.of("d", destination, "p", partitionKey), MAPPER);
    }

    public List<StoredEvent> dead(String destination, int limit) {
        return db.jdbc.query("SELECT " + COLUMNS + FROM + " WHERE destination = :d AND state = 'DEAD' ORDER BY id LIMIT :l",
                new MapSqlParameterSource("d", destination).addValue("l", limit), MAPPER);
    }

    /** Rows per state, all states (delivered ones included, so its cost grows with the retained history). */
    public Map<DeliveryState, Long> counts(String destination) {
        return counts(destination, java.util.Arrays.stream(DeliveryState.values()).map(Enum::name).toList());
    }

    /**
     * Rows per state of what is still pending or dead (delivered and skipped answer 0): each state read by
     * the index, so the metrics and alarms cost the backlog's size, not the history's.
     */
    public Map<DeliveryState, Long> pendingCounts(String destination) {
        return counts(destination, StoreDialect.BLOCKING_STATES);
    }

    private Map<DeliveryState, Long> counts(String destination, List<String> states) {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) {
            counts.put(s, 0L);
        }
        db.jdbc.query(states.stream().map(st -> "SELECT '" + st + "' AS state, COUNT(*) AS n FROM delivery_event"
                        + " WHERE destination = :d AND state = '" + st + "'").collect(java.util.stream.Collectors.joining(" UNION ALL ")),
                Map.of("d", destination), rs -> {
                    counts.put(DeliveryState.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        return counts;
    }

    public Optional<OffsetDateTime> oldestPending(String destination) {
        return Optional.ofNullable(db.jdbc.queryForObject("SELECT MIN(accepted_at) FROM (" + perState(StoreDialect.ACTIVE_STATES,
                        "SELECT accepted_at FROM delivery_event WHERE destination = :d AND state = ") + ") pending",
                Map.of("d", destination), OffsetDateTime.class));
    }

    /** One select per state, joined by UNION ALL; {@code select} ends with "state = ". */
    private static String perState(List<String> states, String select) {
        return states.stream().map(st -> select + "'" + st + "'").collect(java.util.stream.Collectors.joining(" UNION ALL "));
    }

    static final RowMapper<StoredEvent> MAPPER = (ResultSet rs, int n) -> new StoredEvent(
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
