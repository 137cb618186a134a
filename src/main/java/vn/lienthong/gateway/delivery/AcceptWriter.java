package vn.lienthong.gateway.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Takes new events into the outbox: requests' events committed together by one writer ({@link GroupCommit}),
 * a repeat or a conflict answered from what is stored, ids drawn in acceptance order.
 */
final class AcceptWriter {

    private final StoreDialect db;
    private final StoredEvents stored;
    private final GroupCommit groupCommit;

    /** {@code acceptTimeout}: the longest an accept waits for its commit before it is answered 503. */
    AcceptWriter(StoreDialect db, StoredEvents stored, Duration acceptTimeout) {
        this.db = db;
        this.stored = stored;
        this.groupCommit = new GroupCommit(events -> db.tx.execute(s -> insertAll(events)), this::acceptAlone, 1000, acceptTimeout);
    }

    /** Stops taking events; requests still waiting for a commit are refused (and retried by their senders). */
    void close() {
        groupCommit.close();
    }

    /**
     * Stores new events in one transaction, committed when this returns. A key already stored (by an
     * earlier call, or by another instance at the same moment) comes back as a repeat or a conflict.
     */
    List<AcceptOutcome> accept(List<NewEvent> events) {
        List<AcceptOutcome> outcomes = groupCommit.submit(events);
        db.awaitDurable();
        return outcomes;
    }

    /**
     * Stores events in the caller's transaction (it must run in one, on this store's data source): a flow that keeps
     * rows of its own commits them and the events together. Not waited to disk: the caller awaits durability after
     * its commit. A key already stored comes back as a repeat or a conflict.
     */
    List<AcceptOutcome> acceptInTransaction(List<NewEvent> events) {
        return db.tx.execute(s -> insertAll(events));
    }

    /** One request's events in one transaction; used alone when its group could not commit together. */
    List<AcceptOutcome> acceptAlone(List<NewEvent> events) {
        try {
            return db.tx.execute(s -> insertAll(events));
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
            return db.tx.execute(s -> insertAll(List.of(e))).get(0);
        } catch (DuplicateKeyException raced) {
            StoredEvent existing = stored.findByKey(e.source(), e.idemKey()).orElseThrow(() -> raced);
            return AcceptOutcome.of(existing, e.requestHash(), false);
        }
    }

    private List<AcceptOutcome> insertAll(List<NewEvent> events) {
        List<AcceptOutcome> out = new ArrayList<>(events.size());
        Map<String, StoredEvent> existing = new java.util.HashMap<>();
        events.stream().collect(java.util.stream.Collectors.groupingBy(NewEvent::source,
                java.util.stream.Collectors.mapping(NewEvent::idemKey, java.util.stream.Collectors.toList())))
                .forEach((source, keys) -> stored.findByKeys(source, keys).forEach((k, v) -> existing.put(source + "\n" + k, v)));
        List<NewEvent> fresh = new ArrayList<>();
        java.util.Set<NewEvent> freshSet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<MapSqlParameterSource> rows = new ArrayList<>();
        OffsetDateTime now = db.now();
        for (NewEvent e : events) {
            String key = e.source() + "\n" + e.idemKey();
            if (existing.containsKey(key)) {
                continue;
            }
            existing.put(key, null); // a second copy inside this group is a repeat of the first
            fresh.add(e);
            freshSet.add(e);
            rows.add(new MapSqlParameterSource()
                    .addValue("source", e.source()).addValue("key", e.idemKey()).addValue("hash", e.requestHash())
                    .addValue("dest", e.destination()).addValue("part", e.partitionKey())
                    .addValue("type", e.eventType()).addValue("op", e.operation()).addValue("grp", e.groupKey())
                    .addValue("payload", e.payload()).addValue("now", now).addValue("occ", e.occurredAt()));
        }
        if (!rows.isEmpty() && db.postgres) {
            // Ids are drawn at insert but seen at commit. Were two instances to insert events of one dossier at once,
            // the later id could commit first, be claimed as the dossier's head and be sent before the earlier one.
            // A transaction lock per partition, taken before the inserts (in one order, so two groups cannot wait on
            // each other) and held to the commit, makes the second instance draw its ids after the first committed.
            // The instance's one writer waits meanwhile, with every request behind it: at most lock_timeout, then
            // the group fails and its requests are stored one by one (or refused, and sent again by their clients).
            db.jdbc.getJdbcTemplate().execute("SET LOCAL lock_timeout = '" + PARTITION_LOCK_TIMEOUT_MS + "ms'");
            db.jdbc.queryForList("SELECT pg_advisory_xact_lock(k) IS NULL FROM unnest(ARRAY[:keys]::bigint[]) AS t(k)",
                    new MapSqlParameterSource("keys", fresh.stream().map(e -> partitionLockKey(e.destination(), e.partitionKey()))
                            .distinct().sorted().toList()), Boolean.class);
        }
        if (!rows.isEmpty()) {
            // One JDBC batch in acceptance order: ids follow the order of the list, which is the delivery order.
            db.jdbc.batchUpdate("INSERT INTO delivery_event (source, idem_key, request_hash, destination, partition_key, event_type,"
                    + " operation, group_key, parts_done, state, attempts, accepted_at, occurred_at, next_attempt_at,"
                    + " updated_at) VALUES (:source, :key, :hash, :dest, :part, :type, :op, :grp, 0, 'QUEUED', 0,"
                    + " :now, :occ, :now, :now)", rows.toArray(MapSqlParameterSource[]::new));
            // The ids just given (read back by key: portable across drivers), then the payloads under them,
            // in the same transaction. The stored rows are what was just written, so they are not read back.
            Map<String, Long> ids = new java.util.HashMap<>();
            fresh.stream().collect(java.util.stream.Collectors.groupingBy(NewEvent::source,
                    java.util.stream.Collectors.mapping(NewEvent::idemKey, java.util.stream.Collectors.toList())))
                    .forEach((source, keys) -> db.jdbc.query("SELECT id, idem_key FROM delivery_event WHERE idem_key IN (:k) AND source = :s",
                            new MapSqlParameterSource("s", source).addValue("k", keys),
                            rs -> { ids.put(source + "\n" + rs.getString("idem_key"), rs.getLong("id")); }));
            List<MapSqlParameterSource> payloads = new ArrayList<>();
            for (NewEvent e : fresh) {
                String key = e.source() + "\n" + e.idemKey();
                long id = ids.get(key);
                payloads.add(new MapSqlParameterSource("id", id).addValue("payload", e.payload()));
                existing.put(key, new StoredEvent(id, e.source(), e.idemKey(), e.requestHash(), e.destination(), e.partitionKey(),
                        e.eventType(), e.operation(), e.groupKey(), e.payload(), 0, DeliveryState.QUEUED, 0, now, e.occurredAt(),
                        now, null, null, null, null));
            }
            db.jdbc.batchUpdate("INSERT INTO delivery_payload (event_id, payload) VALUES (:id, :payload)",
                    payloads.toArray(MapSqlParameterSource[]::new));
        }
        java.util.Set<String> inserted = new java.util.HashSet<>();
        for (NewEvent e : events) {
            String key = e.source() + "\n" + e.idemKey();
            StoredEvent stored = existing.get(key);
            boolean isNew = freshSet.contains(e) && inserted.add(key);
            out.add(AcceptOutcome.of(stored, e.requestHash(), isNew));
        }
        return out;
    }

    /** Longest a PostgreSQL group commit waits for another instance's insert into one of its partitions. */
    static final int PARTITION_LOCK_TIMEOUT_MS = 5000;

    /** The PostgreSQL advisory lock key of a partition's inserts: 64 bits of a hash of destination and partition. */
    static long partitionLockKey(String destination, String partitionKey) {
        return UUID.nameUUIDFromBytes((destination + "/" + partitionKey).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }

}
