package vn.lienthong.gateway.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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

import vn.lienthong.gateway.logging.PersonalDataMasker;
import vn.lienthong.gateway.storage.Durability;

/**
 * The outbox in the database. Every state change is one short statement guarded by the claim token,
 * so a dispatcher that lost its lease cannot overwrite what another one did.
 */
public class DeliveryStore {

    /** States of an event that may still be delivered, and those that hold the rest of its partition back. */
    private static final List<String> ACTIVE_STATES = List.of("QUEUED", "RETRY_SCHEDULED", "IN_FLIGHT");
    private static final List<String> BLOCKING_STATES = List.of("QUEUED", "RETRY_SCHEDULED", "IN_FLIGHT", "DEAD");
    static final String BLOCKING = sqlList(BLOCKING_STATES);
    /** Selected columns and the join that brings each row its payload (stored apart: V5__delivery_payload.sql). */
    private static final String COLUMNS = "id, source, idem_key, request_hash, destination, partition_key, event_type, "
            + "operation, group_key, payload, parts_done, state, attempts, accepted_at, occurred_at, next_attempt_at, "
            + "lease_until, claim_token, last_error, delivered_at";
    private static final String FROM = " FROM delivery_event LEFT JOIN delivery_payload ON event_id = id";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** The claim's queries; their heads together, lowest ids first, make a batch. */
    private final List<String> claimSqls;
    /**
     * What the claim's update checks again of each row. On PostgreSQL nothing: the select locked the rows (FOR
     * UPDATE) after checking them, and with a state condition here the planner, on statistics taken while the
     * table was small, read every queued row through the state index to find the 100 ids (30-40 ms a claim).
     * On H2 the select locks nothing, so a row an administrator skipped meanwhile is left alone, and so is one its
     * owner settled meanwhile (a retry that is not due yet).
     */
    private final String claimRecheck;
    /** PostgreSQL: instances insert concurrently, so inserts into one partition are serialised (see insertAll). */
    private final boolean postgres;
    /** The condition selecting one partition's events (parameters :d and :p), as the database's indexes serve it. */
    private final String partition;
    private final GroupCommit groupCommit;
    /** Waited for where a commit must survive a crash before anyone is told of it (202, an applied part, an admin's act). */
    private final Durability durability;
    /** Partitions seen to have events (committed ones): spares the accepting flows a query per event. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> knownPartitions =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000).build();

    public DeliveryStore(DataSource dataSource, PlatformTransactionManager txManager, Clock clock, Durability durability) {
        this(dataSource, txManager, clock, durability, Duration.ofSeconds(10));
    }

    /** {@code acceptTimeout}: the longest an accept waits for its commit before it is answered 503. */
    public DeliveryStore(DataSource dataSource, PlatformTransactionManager txManager, Clock clock, Durability durability,
                         Duration acceptTimeout) {
        this.durability = durability;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.groupCommit = new GroupCommit(events -> tx.execute(s -> insertAll(events)), this::acceptAlone, 1000, acceptTimeout);
        // Heads of partitions only: the lowest id of each partition that is still pending, in flight or dead; a head
        // is claimable when it is due (and not held by a live lease). Per claimable state, the claim walks its events
        // in the order they fell due (ix_delivery_event_due) and keeps those that are the first unsettled event of
        // their partition (a probe of the partition's unsettled events); LIMIT ends the walk, so a claim costs about
        // the batch, not the backlog nor the delivered history. A head stays a head: earlier events never become
        // unsettled again and later ones get larger ids. The walk's order is fairness only; order within a
        // partition is the probe's. The three states' heads together, lowest ids first, make the batch.
        String from = "SELECT e.id FROM delivery_event e WHERE e.destination = :dest";
        String head;
        boolean postgres = isPostgres(dataSource);
        this.postgres = postgres;
        if (postgres) {
            // PostgreSQL (V6, V7): both indexes are partial, pending rows only. The probe is a scalar subquery, not NOT
            // EXISTS: an anti-join let the planner, on statistics taken while the table was small, scan every
            // unsettled event of the destination per candidate (844 ms a claim at 50,000 queued); a correlated
            // subquery is always an index probe by (destination, partition_key). SKIP LOCKED passes over heads another
            // instance is claiming at this moment.
            head = " AND (SELECT MIN(p.id) FROM delivery_event p WHERE p.destination = e.destination"
                    + " AND p.state IN " + BLOCKING + " AND p.partition_key = e.partition_key) = e.id"
                    + " ORDER BY e.next_attempt_at, e.id LIMIT :limit FOR UPDATE OF e SKIP LOCKED";
            this.claimRecheck = "";
        } else {
            // H2 (one instance; V8): the probe reads the event before this one in its partition, passing over skipped
            // ones (an administrator may skip an event that is not the head): none, or a delivered one, means this is
            // the head, since an event is only delivered as its partition's head. H2 walks an index in its order and
            // stops at LIMIT only for an ORDER BY of its leading columns (without them the claim read and sorted
            // every pending event: 316,601 for a claim of 100). The select locks nothing, so the update checks each
            // row again: one an administrator skipped meanwhile is left alone.
            head = " AND COALESCE((SELECT p.state FROM delivery_event p WHERE p.partition_hash = e.partition_hash"
                    + " AND p.destination = e.destination AND p.partition_key = e.partition_key AND p.id < e.id"
                    + " AND p.state <> 'SKIPPED' ORDER BY p.partition_hash DESC, p.id DESC FETCH FIRST 1 ROW ONLY), 'DELIVERED')"
                    + " = 'DELIVERED' ORDER BY e.destination, e.state, e.next_attempt_at, e.id LIMIT :limit";
            this.claimRecheck = " AND ((state IN ('QUEUED','RETRY_SCHEDULED') AND next_attempt_at <= :now)"
                    + " OR (state = 'IN_FLIGHT' AND lease_until < :leaseNow))";
        }
        // A partition's events: on H2 through the hash of destination and partition (V8), elsewhere by both columns.
        this.partition = postgres ? "destination = :d AND partition_key = :p"
                : "partition_hash = ORA_HASH(:d || '/' || :p) AND destination = :d AND partition_key = :p";
        this.claimSqls = List.of(
                from + " AND e.state = 'QUEUED' AND e.next_attempt_at <= :now" + head,
                from + " AND e.state = 'RETRY_SCHEDULED' AND e.next_attempt_at <= :now" + head,
                // A claim sets next_attempt_at to the lease's end, so expired leases are a range of the index
                // (rows claimed before it did still have the lease_until condition).
                // Leases go by the lease clock (:leaseNow), due times by this instance's (:now), as they were set.
                from + " AND e.state = 'IN_FLIGHT' AND e.next_attempt_at < :leaseNow AND e.lease_until < :leaseNow" + head);
    }

    /** Stops taking events; requests still waiting for a commit are refused (and retried by their senders). */
    public void close() {
        groupCommit.close();
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
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * The time leases are set and judged by: on PostgreSQL the database's clock, which every instance shares, so
     * a claim is never taken over early by an instance whose clock runs ahead, nor set short by one that runs
     * behind; on H2 (one instance) this JVM's. Due times of new events and retries stay on the instance's clock
     * (they are set by it), so a Retry-After is kept as before.
     */
    public OffsetDateTime leaseNow() {
        if (!postgres) {
            return now();
        }
        return jdbc.getJdbcTemplate().queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class)
                .withOffsetSameInstant(ZoneOffset.UTC);
    }

    public Optional<StoredEvent> findByKey(String source, String idemKey) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE idem_key = :k AND source = :s",
                Map.of("s", source, "k", idemKey), MAPPER).stream().findFirst();
    }

    public Map<String, StoredEvent> findByKeys(String source, Collection<String> keys) {
        Map<String, StoredEvent> found = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT " + COLUMNS + FROM + " WHERE idem_key IN (:k) AND source = :s",
                new MapSqlParameterSource("s", source).addValue("k", keys), MAPPER)
                .forEach(e -> found.put(e.idemKey(), e));
        return found;
    }

    public Optional<StoredEvent> findById(long id) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE id = :id", Map.of("id", id), MAPPER)
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
        boolean has = !jdbc.queryForList("SELECT id FROM delivery_event WHERE " + partition + " LIMIT 1",
                Map.of("d", destination, "p", partitionKey), Long.class).isEmpty();
        if (has) {
            knownPartitions.put(key, Boolean.TRUE);
        }
        return has;
    }

    /**
     * Stores new events in one transaction, committed when this returns. A key already stored (by an
     * earlier call, or by another instance at the same moment) comes back as a repeat or a conflict.
     */
    public List<AcceptOutcome> accept(List<NewEvent> events) {
        List<AcceptOutcome> outcomes = groupCommit.submit(events);
        durability.await();
        return outcomes;
    }

    /**
     * Stores events in the caller's transaction (it must run in one, on this store's data source): a flow that keeps
     * rows of its own commits them and the events together. Not waited to disk: the caller awaits durability after
     * its commit. A key already stored comes back as a repeat or a conflict.
     */
    public List<AcceptOutcome> acceptInTransaction(List<NewEvent> events) {
        return tx.execute(s -> insertAll(events));
    }

    /** One request's events in one transaction; used alone when its group could not commit together. */
    List<AcceptOutcome> acceptAlone(List<NewEvent> events) {
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
        Map<String, StoredEvent> existing = new java.util.HashMap<>();
        events.stream().collect(java.util.stream.Collectors.groupingBy(NewEvent::source,
                java.util.stream.Collectors.mapping(NewEvent::idemKey, java.util.stream.Collectors.toList())))
                .forEach((source, keys) -> findByKeys(source, keys).forEach((k, v) -> existing.put(source + "\n" + k, v)));
        List<NewEvent> fresh = new ArrayList<>();
        java.util.Set<NewEvent> freshSet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<MapSqlParameterSource> rows = new ArrayList<>();
        OffsetDateTime now = now();
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
        if (!rows.isEmpty() && postgres) {
            // Ids are drawn at insert but seen at commit. Were two instances to insert events of one dossier at once,
            // the later id could commit first, be claimed as the dossier's head and be sent before the earlier one.
            // A transaction lock per partition, taken before the inserts (in one order, so two groups cannot wait on
            // each other) and held to the commit, makes the second instance draw its ids after the first committed.
            // The instance's one writer waits meanwhile, with every request behind it: at most lock_timeout, then
            // the group fails and its requests are stored one by one (or refused, and sent again by their clients).
            jdbc.getJdbcTemplate().execute("SET LOCAL lock_timeout = '" + PARTITION_LOCK_TIMEOUT_MS + "ms'");
            jdbc.queryForList("SELECT pg_advisory_xact_lock(k) IS NULL FROM unnest(ARRAY[:keys]::bigint[]) AS t(k)",
                    new MapSqlParameterSource("keys", fresh.stream().map(e -> partitionLockKey(e.destination(), e.partitionKey()))
                            .distinct().sorted().toList()), Boolean.class);
        }
        if (!rows.isEmpty()) {
            // One JDBC batch in acceptance order: ids follow the order of the list, which is the delivery order.
            jdbc.batchUpdate("INSERT INTO delivery_event (source, idem_key, request_hash, destination, partition_key, event_type,"
                    + " operation, group_key, parts_done, state, attempts, accepted_at, occurred_at, next_attempt_at,"
                    + " updated_at) VALUES (:source, :key, :hash, :dest, :part, :type, :op, :grp, 0, 'QUEUED', 0,"
                    + " :now, :occ, :now, :now)", rows.toArray(MapSqlParameterSource[]::new));
            // The ids just given (read back by key: portable across drivers), then the payloads under them,
            // in the same transaction. The stored rows are what was just written, so they are not read back.
            Map<String, Long> ids = new java.util.HashMap<>();
            fresh.stream().collect(java.util.stream.Collectors.groupingBy(NewEvent::source,
                    java.util.stream.Collectors.mapping(NewEvent::idemKey, java.util.stream.Collectors.toList())))
                    .forEach((source, keys) -> jdbc.query("SELECT id, idem_key FROM delivery_event WHERE idem_key IN (:k) AND source = :s",
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
            jdbc.batchUpdate("INSERT INTO delivery_payload (event_id, payload) VALUES (:id, :payload)",
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

    /** Claims up to {@code limit} heads of partitions for one destination; each holds until the lease ends. */
    public List<StoredEvent> claim(String destination, int limit, String owner, java.time.Duration lease) {
        String token = UUID.randomUUID().toString();
        return tx.execute(s -> {
            OffsetDateTime now = now();
            OffsetDateTime leaseNow = postgres ? leaseNow() : now;
            MapSqlParameterSource params = new MapSqlParameterSource("dest", destination).addValue("now", now)
                    .addValue("leaseNow", leaseNow).addValue("limit", limit);
            List<Long> ids = new ArrayList<>();
            for (String sql : claimSqls) {
                ids.addAll(jdbc.queryForList(sql, params, Long.class));
            }
            ids = ids.stream().sorted().limit(limit).toList();
            if (ids.isEmpty()) {
                return List.of();
            }
            jdbc.update("UPDATE delivery_event SET state = 'IN_FLIGHT', claim_token = :token, claimed_by = :owner,"
                    + " lease_until = :lease, next_attempt_at = :lease, updated_at = :now WHERE id IN (:ids)" + claimRecheck,
                    new MapSqlParameterSource("token", token).addValue("owner", owner).addValue("lease", leaseNow.plus(lease))
                            .addValue("now", now).addValue("leaseNow", leaseNow).addValue("ids", ids));
            return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE id IN (:ids) AND claim_token = :token ORDER BY id",
                    new MapSqlParameterSource("token", token).addValue("ids", ids), MAPPER);
        });
    }

    /**
     * Lengthens the lease of claimed events still held under {@code token} to {@code lease} from now (the lease
     * clock, {@link #leaseNow()}); answers their ids (the others were claimed again after their lease, or
     * settled). Not waited to disk: after a crash a longer lease only delays the retake.
     */
    public java.util.Set<Long> renew(Collection<Long> ids, String token, java.time.Duration lease) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return tx.execute(s -> {
            OffsetDateTime now = leaseNow();
            MapSqlParameterSource params = new MapSqlParameterSource("ids", ids).addValue("token", token)
                    .addValue("until", now.plus(lease)).addValue("now", now);
            int updated = jdbc.update("UPDATE delivery_event SET lease_until = :until, next_attempt_at = :until, updated_at = :now"
                    + " WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'", params);
            if (updated == ids.size()) {
                return new java.util.HashSet<>(ids);
            }
            // Some were taken over: those still ours are the ones this statement changed.
            return new java.util.HashSet<>(jdbc.queryForList("SELECT id FROM delivery_event WHERE id IN (:ids)"
                    + " AND claim_token = :token AND state = 'IN_FLIGHT'", params, Long.class));
        });
    }

    /**
     * Records that parts of events are applied, in one commit, so they are never sent again; an event whose
     * last part this was is recorded as delivered by the same statement. Answers the ids of the events that
     * still held their claim. One statement per claim and step (a call's records share both), not one per row:
     * 100 single-row updates were most of a dispatcher's time on PostgreSQL.
     */
    public java.util.Set<Long> markPartsDone(List<DeliveryDestination.PartDone> done) {
        java.util.Set<Long> held = new java.util.HashSet<>();
        if (done.isEmpty()) {
            return held;
        }
        OffsetDateTime now = now();
        Map<List<Object>, List<DeliveryDestination.PartDone>> groups = done.stream().collect(java.util.stream.Collectors.groupingBy(
                d -> List.of(d.event().claimToken(), d.partsDone(), d.operation(), d.last()),
                java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
        tx.executeWithoutResult(s -> groups.forEach((key, group) -> {
            DeliveryDestination.PartDone first = group.get(0);
            List<Long> ids = group.stream().map(d -> d.event().id()).toList();
            MapSqlParameterSource params = new MapSqlParameterSource("n", first.partsDone()).addValue("op", first.operation())
                    .addValue("now", now).addValue("ids", ids).addValue("token", first.event().claimToken());
            int updated = jdbc.update("UPDATE delivery_event SET parts_done = :n, operation = :op, updated_at = :now"
                    + (first.last() ? ", state = 'DELIVERED', delivered_at = :now, lease_until = NULL, last_error = NULL" : "")
                    + " WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'", params);
            if (updated == ids.size()) {
                held.addAll(ids);
            } else {
                // Some lost their claim: those this statement changed are the ones still ours in its new state.
                held.addAll(jdbc.queryForList("SELECT id FROM delivery_event WHERE id IN (:ids) AND claim_token = :token"
                        + " AND parts_done = :n AND state = " + (first.last() ? "'DELIVERED'" : "'IN_FLIGHT'"), params, Long.class));
            }
        }));
        durability.await(); // before the destination is sent anything more
        return held;
    }

    public int markDelivered(Collection<StoredEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        String token = events.iterator().next().claimToken();
        return durable(jdbc.update("UPDATE delivery_event SET state = 'DELIVERED', delivered_at = :now, updated_at = :now,"
                        + " lease_until = NULL, last_error = NULL WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'",
                new MapSqlParameterSource("now", now()).addValue("token", token)
                        .addValue("ids", events.stream().map(StoredEvent::id).toList())));
    }

    /** A failed attempt: counted, and scheduled again or dead. */
    /** The error is kept masked (a remote system's answer may echo a personal ID or a name) and shown by the API. */
    public boolean markFailed(StoredEvent e, DeliveryState state, OffsetDateTime nextAttempt, String error, boolean countAttempt) {
        return durable(jdbc.update("UPDATE delivery_event SET state = :state, attempts = attempts + :inc, next_attempt_at = :next,"
                        + " last_error = :err, lease_until = NULL, updated_at = :now WHERE id = :id AND claim_token = :token"
                        + " AND state = 'IN_FLIGHT'",
                new MapSqlParameterSource("state", state.name()).addValue("inc", countAttempt ? 1 : 0)
                        .addValue("next", nextAttempt).addValue("err", truncate(PersonalDataMasker.mask(error))).addValue("now", now())
                        .addValue("id", e.id()).addValue("token", e.claimToken()))) == 1;
    }

    public boolean replay(String destination, long id) {
        return durable(jdbc.update("UPDATE delivery_event SET state = 'QUEUED', attempts = 0, next_attempt_at = :now, updated_at = :now,"
                        + " last_error = " + concat("'replayed by administrator; was: '", "COALESCE(last_error, '')")
                        + " WHERE id = :id AND destination = :dest AND state = 'DEAD'",
                new MapSqlParameterSource("now", now()).addValue("id", id).addValue("dest", destination))) == 1;
    }

    public int replayAllDead(String destination) {
        return durable(jdbc.update("UPDATE delivery_event SET state = 'QUEUED', attempts = 0, next_attempt_at = :now, updated_at = :now,"
                        + " last_error = " + concat("'replayed by administrator; was: '", "COALESCE(last_error, '')")
                        + " WHERE destination = :dest AND state = 'DEAD'",
                new MapSqlParameterSource("now", now()).addValue("dest", destination)));
    }

    public boolean skip(String destination, long id) {
        return durable(jdbc.update("UPDATE delivery_event SET state = 'SKIPPED', updated_at = :now, lease_until = NULL,"
                        + " last_error = " + concat("'skipped by administrator; was: '", "COALESCE(last_error, '')")
                        + " WHERE id = :id AND destination = :dest AND state IN ('DEAD','RETRY_SCHEDULED','QUEUED')",
                new MapSqlParameterSource("now", now()).addValue("id", id).addValue("dest", destination))) == 1;
    }

    /** A settled outcome or an administrator's change, durable before anyone is told or anything else is sent. */
    private int durable(int changed) {
        durability.await();
        return changed;
    }

    /** {@code ('A','B')} for an SQL IN list of fixed state names. */
    private static String sqlList(List<String> states) {
        return states.stream().map(st -> "'" + st + "'").collect(java.util.stream.Collectors.joining(",", "(", ")"));
    }

    /** One select per state, joined by UNION ALL; {@code select} ends with "state = ". */
    private static String perState(List<String> states, String select) {
        return states.stream().map(st -> select + "'" + st + "'").collect(java.util.stream.Collectors.joining(" UNION ALL "));
    }

    private static String concat(String a, String b) {
        return "CONCAT(" + a + ", " + b + ")";
    }

    public List<StoredEvent> byPartition(String destination, String partitionKey) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE " + partition + " ORDER BY id",
                Map.of("d", destination, "p", partitionKey), MAPPER);
    }

    public List<StoredEvent> dead(String destination, int limit) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE destination = :d AND state = 'DEAD' ORDER BY id LIMIT :l",
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
        return counts(destination, BLOCKING_STATES);
    }

    private Map<DeliveryState, Long> counts(String destination, List<String> states) {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) {
            counts.put(s, 0L);
        }
        jdbc.query(states.stream().map(st -> "SELECT '" + st + "' AS state, COUNT(*) AS n FROM delivery_event"
                        + " WHERE destination = :d AND state = '" + st + "'").collect(java.util.stream.Collectors.joining(" UNION ALL ")),
                Map.of("d", destination), rs -> {
                    counts.put(DeliveryState.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        return counts;
    }

    public Optional<OffsetDateTime> oldestPending(String destination) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(accepted_at) FROM (" + perState(ACTIVE_STATES,
                        "SELECT accepted_at FROM delivery_event WHERE destination = :d AND state = ") + ") pending",
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
