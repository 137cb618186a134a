package vn.lienthong.gateway.delivery;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import vn.lienthong.gateway.logging.PersonalDataMasker;

/**
 * A dispatcher's statements: claim the heads of partitions under a lease, renew it, settle what was sent. Every
 * change is one short statement guarded by the claim token, so a dispatcher that lost its lease cannot overwrite
 * what another one did.
 */
final class Claims {

    private final StoreDialect db;
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

    Claims(StoreDialect db) {
        this.db = db;
        // Heads of partitions only: the lowest id of each partition that is still pending, in flight or dead; a head
        // is claimable when it is due (and not held by a live lease). Per claimable state, the claim walks its events
        // in the order they fell due (ix_delivery_event_due) and keeps those that are the first unsettled event of
        // their partition (a probe of the partition's unsettled events); LIMIT ends the walk, so a claim costs about
        // the batch, not the backlog nor the delivered history. A head stays a head: earlier events never become
        // unsettled again and later ones get larger ids. The walk's order is fairness only; order within a
        // partition is the probe's. The three states' heads together, lowest ids first, make the batch.
        String from = "SELECT e.id FROM delivery_event e WHERE e.destination = :dest";
        String head;
        if (db.postgres) {
            // PostgreSQL (V6, V7): both indexes are partial, pending rows only. The probe is a scalar subquery, not NOT
            // EXISTS: an anti-join let the planner, on statistics taken while the table was small, scan every
            // unsettled event of the destination per candidate (844 ms a claim at 50,000 queued); a correlated
            // subquery is always an index probe by (destination, partition_key). SKIP LOCKED passes over heads another
            // instance is claiming at this moment.
            head = " AND (SELECT MIN(p.id) FROM delivery_event p WHERE p.destination = e.destination"
                    + " AND p.state IN " + StoreDialect.BLOCKING + " AND p.partition_key = e.partition_key) = e.id"
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
        this.claimSqls = List.of(
                from + " AND e.state = 'QUEUED' AND e.next_attempt_at <= :now" + head,
                from + " AND e.state = 'RETRY_SCHEDULED' AND e.next_attempt_at <= :now" + head,
                // A claim sets next_attempt_at to the lease's end, so expired leases are a range of the index
                // (rows claimed before it did still have the lease_until condition).
                // Leases go by the lease clock (:leaseNow), due times by this instance's (:now), as they were set.
                from + " AND e.state = 'IN_FLIGHT' AND e.next_attempt_at < :leaseNow AND e.lease_until < :leaseNow" + head);
    }

    /** Claims up to {@code limit} heads of partitions for one destination; each holds until the lease ends. */
    List<StoredEvent> claim(String destination, int limit, String owner, java.time.Duration lease) {
        String token = UUID.randomUUID().toString();
        return db.tx.execute(s -> {
            OffsetDateTime now = db.now();
            OffsetDateTime leaseNow = db.postgres ? db.leaseNow() : now;
            MapSqlParameterSource params = new MapSqlParameterSource("dest", destination).addValue("now", now)
                    .addValue("leaseNow", leaseNow).addValue("limit", limit);
            List<Long> ids = new ArrayList<>();
            for (String sql : claimSqls) {
                ids.addAll(db.jdbc.queryForList(sql, params, Long.class));
            }
            ids = ids.stream().sorted().limit(limit).toList();
            if (ids.isEmpty()) {
                return List.of();
            }
            db.jdbc.update("UPDATE delivery_event SET state = 'IN_FLIGHT', claim_token = :token, claimed_by = :owner,"
                    + " lease_until = :lease, next_attempt_at = :lease, updated_at = :now WHERE id IN (:ids)" + claimRecheck,
                    new MapSqlParameterSource("token", token).addValue("owner", owner).addValue("lease", leaseNow.plus(lease))
                            .addValue("now", now).addValue("leaseNow", leaseNow).addValue("ids", ids));
            return db.jdbc.query("SELECT " + StoredEvents.COLUMNS + StoredEvents.FROM + " WHERE id IN (:ids) AND claim_token = :token ORDER BY id",
                    new MapSqlParameterSource("token", token).addValue("ids", ids), StoredEvents.MAPPER);
        });
    }

    /**
     * Lengthens the lease of claimed events still held under {@code token} to {@code lease} from now (the lease
     * clock, {@link StoreDialect#leaseNow()}); answers their ids (the others were claimed again after their lease, or
     * settled). Not waited to disk: after a crash a longer lease only delays the retake.
     */
    java.util.Set<Long> renew(Collection<Long> ids, String token, java.time.Duration lease) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return db.tx.execute(s -> {
            OffsetDateTime now = db.leaseNow();
            MapSqlParameterSource params = new MapSqlParameterSource("ids", ids).addValue("token", token)
                    .addValue("until", now.plus(lease)).addValue("now", now);
            int updated = db.jdbc.update("UPDATE delivery_event SET lease_until = :until, next_attempt_at = :until, updated_at = :now"
                    + " WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'", params);
            if (updated == ids.size()) {
                return new java.util.HashSet<>(ids);
            }
            // Some were taken over: those still ours are the ones this statement changed.
            return new java.util.HashSet<>(db.jdbc.queryForList("SELECT id FROM delivery_event WHERE id IN (:ids)"
                    + " AND claim_token = :token AND state = 'IN_FLIGHT'", params, Long.class));
        });
    }

    /**
     * Records that parts of events are applied, in one commit, so they are never sent again; an event whose
     * last part this was is recorded as delivered by the same statement. Answers the ids of the events that
     * still held their claim. One statement per claim and step (a call's records share both), not one per row:
     * 100 single-row updates were most of a dispatcher's time on PostgreSQL.
     */
    java.util.Set<Long> markPartsDone(List<DeliveryDestination.PartDone> done) {
        java.util.Set<Long> held = new java.util.HashSet<>();
        if (done.isEmpty()) {
            return held;
        }
        OffsetDateTime now = db.now();
        Map<List<Object>, List<DeliveryDestination.PartDone>> groups = done.stream().collect(java.util.stream.Collectors.groupingBy(
                d -> List.of(d.event().claimToken(), d.partsDone(), d.operation(), d.last()),
                java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
        db.tx.executeWithoutResult(s -> groups.forEach((key, group) -> {
            DeliveryDestination.PartDone first = group.get(0);
            List<Long> ids = group.stream().map(d -> d.event().id()).toList();
            MapSqlParameterSource params = new MapSqlParameterSource("n", first.partsDone()).addValue("op", first.operation())
                    .addValue("now", now).addValue("ids", ids).addValue("token", first.event().claimToken());
            int updated = db.jdbc.update("UPDATE delivery_event SET parts_done = :n, operation = :op, updated_at = :now"
                    + (first.last() ? ", state = 'DELIVERED', delivered_at = :now, lease_until = NULL, last_error = NULL" : "")
                    + " WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'", params);
            if (updated == ids.size()) {
                held.addAll(ids);
            } else {
                // Some lost their claim: those this statement changed are the ones still ours in its new state.
                held.addAll(db.jdbc.queryForList("SELECT id FROM delivery_event WHERE id IN (:ids) AND claim_token = :token"
                        + " AND parts_done = :n AND state = " + (first.last() ? "'DELIVERED'" : "'IN_FLIGHT'"), params, Long.class));
            }
        }));
        db.awaitDurable(); // before the destination is sent anything more
        return held;
    }

    int markDelivered(Collection<StoredEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        String token = events.iterator().next().claimToken();
        return db.durable(db.jdbc.update("UPDATE delivery_event SET state = 'DELIVERED', delivered_at = :now, updated_at = :now,"
                        + " lease_until = NULL, last_error = NULL WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'",
                new MapSqlParameterSource("now", db.now()).addValue("token", token)
                        .addValue("ids", events.stream().map(StoredEvent::id).toList())));
    }

    /** A failed attempt: counted, and scheduled again or dead. */
    /** The error is kept masked (a remote system's answer may echo a personal ID or a name) and shown by the API. */
    boolean markFailed(StoredEvent e, DeliveryState state, OffsetDateTime nextAttempt, String error, boolean countAttempt) {
        return db.durable(db.jdbc.update("UPDATE delivery_event SET state = :state, attempts = attempts + :inc, next_attempt_at = :next,"
                        + " last_error = :err, lease_until = NULL, updated_at = :now WHERE id = :id AND claim_token = :token"
                        + " AND state = 'IN_FLIGHT'",
                new MapSqlParameterSource("state", state.name()).addValue("inc", countAttempt ? 1 : 0)
                        .addValue("next", nextAttempt).addValue("err", truncate(PersonalDataMasker.mask(error))).addValue("now", db.now())
                        .addValue("id", e.id()).addValue("token", e.claimToken()))) == 1;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
