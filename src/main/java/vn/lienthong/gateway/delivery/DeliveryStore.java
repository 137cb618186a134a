package vn.lienthong.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.transaction.PlatformTransactionManager;

import vn.lienthong.gateway.storage.Durability;

/**
 * The outbox in the database, the one door the flows, the dispatchers and the console use. Behind it, one class
 * per job: {@link AcceptWriter} takes new events in, {@link Claims} leases and settles them for a dispatcher,
 * {@link AdminChanges} replays and skips, {@link StoredEvents} answers read-only questions, and {@link StoreDialect}
 * holds what H2 and PostgreSQL do differently.
 */
public class DeliveryStore {

    private final StoreDialect db;
    private final StoredEvents stored;
    private final AcceptWriter writer;
    private final Claims claims;
    private final AdminChanges admin;

    public DeliveryStore(DataSource dataSource, PlatformTransactionManager txManager, Clock clock, Durability durability) {
        this(dataSource, txManager, clock, durability, Duration.ofSeconds(10));
    }

    /** {@code acceptTimeout}: the longest an accept waits for its commit before it is answered 503. */
    public DeliveryStore(DataSource dataSource, PlatformTransactionManager txManager, Clock clock, Durability durability,
                         Duration acceptTimeout) {
        this.db = new StoreDialect(dataSource, txManager, clock, durability);
        this.stored = new StoredEvents(db);
        this.writer = new AcceptWriter(db, stored, acceptTimeout);
        this.claims = new Claims(db);
        this.admin = new AdminChanges(db);
    }

    /** Stops taking events; requests still waiting for a commit are refused (and retried by their senders). */
    public void close() {
        writer.close();
    }

    // --- taking events in

    /**
     * Stores new events in one transaction, committed (and durable) when this returns. A key already stored (by an
     * earlier call, or by another instance at the same moment) comes back as a repeat or a conflict.
     */
    public List<AcceptOutcome> accept(List<NewEvent> events) {
        return writer.accept(events);
    }

    /**
     * Stores events in the caller's transaction (it must run in one, on this store's data source): a flow that keeps
     * rows of its own commits them and the events together. Not waited to disk: the caller awaits durability after
     * its commit.
     */
    public List<AcceptOutcome> acceptInTransaction(List<NewEvent> events) {
        return writer.acceptInTransaction(events);
    }

    // --- a dispatcher's claims

    /** The time leases are set and judged by (the database's clock on PostgreSQL, this JVM's on H2). */
    public OffsetDateTime leaseNow() {
        return db.leaseNow();
    }

    /** Claims up to {@code limit} heads of partitions for one destination; each holds until the lease ends. */
    public List<StoredEvent> claim(String destination, int limit, String owner, Duration lease) {
        return claims.claim(destination, limit, owner, lease);
    }

    /** Lengthens the lease of events still held under {@code token}; answers the ids still held. */
    public Set<Long> renew(Collection<Long> ids, String token, Duration lease) {
        return claims.renew(ids, token, lease);
    }

    /** Records applied parts (the last one delivers its event); answers the ids that still held their claim. */
    public Set<Long> markPartsDone(List<DeliveryDestination.PartDone> done) {
        return claims.markPartsDone(done);
    }

    public int markDelivered(Collection<StoredEvent> events) {
        return claims.markDelivered(events);
    }

    /** A failed attempt: counted, and scheduled again or dead; the error kept masked. */
    public boolean markFailed(StoredEvent e, DeliveryState state, OffsetDateTime nextAttempt, String error, boolean countAttempt) {
        return claims.markFailed(e, state, nextAttempt, error, countAttempt);
    }

    // --- an administrator's changes

    public boolean replay(String destination, long id) {
        return admin.replay(destination, id);
    }

    public int replayAllDead(String destination) {
        return admin.replayAllDead(destination);
    }

    public boolean skip(String destination, long id) {
        return admin.skip(destination, id);
    }

    // --- read-only

    public Optional<StoredEvent> findByKey(String source, String idemKey) {
        return stored.findByKey(source, idemKey);
    }

    public Map<String, StoredEvent> findByKeys(String source, Collection<String> keys) {
        return stored.findByKeys(source, keys);
    }

    public Optional<StoredEvent> findById(long id) {
        return stored.findById(id);
    }

    /** Whether the partition has any event stored (a yes is remembered). */
    public boolean partitionHasEvents(String destination, String partitionKey) {
        return stored.partitionHasEvents(destination, partitionKey);
    }

    public List<StoredEvent> byPartition(String destination, String partitionKey) {
        return stored.byPartition(destination, partitionKey);
    }

    public List<StoredEvent> dead(String destination, int limit) {
        return stored.dead(destination, limit);
    }

    /** Rows per state, all states (delivered ones included, so its cost grows with the retained history). */
    public Map<DeliveryState, Long> counts(String destination) {
        return stored.counts(destination);
    }

    /** Rows per state of what is still pending or dead, each read by the index. */
    public Map<DeliveryState, Long> pendingCounts(String destination) {
        return stored.pendingCounts(destination);
    }

    public Optional<OffsetDateTime> oldestPending(String destination) {
        return stored.oldestPending(destination);
    }
}
