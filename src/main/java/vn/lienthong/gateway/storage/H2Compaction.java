package vn.lienthong.gateway.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the embedded H2 file in small steps, so that compaction never holds a commit up for long; off
 * by default, and reports the file's size, its fill and its page cache either way.
 * <p>
 * Every change on H2 is written as a new chunk at the end of the file's used space, and older chunks keep
 * fewer live pages as rows change; their space is reused only once nothing in them is live. H2's own
 * background thread rewrites sparse chunks, and on a fragmented file it also moves whole chunks toward the
 * front, several megabytes at a time with an {@code fsync} between the moves, holding the lock that every
 * store takes. A 202 waits for a store ({@link Durability}), so each such move holds up every request
 * arriving meanwhile (measured: stores of 65-500 ms at 3,000 events/s). With
 * {@code AUTO_COMPACT_FILL_RATE=0} in the database URL, H2 does neither; this job then rewrites the
 * sparsest old chunks, at most {@code writeBytes} of live data every {@code interval}, as long as the
 * chunks are on average less than {@code targetFillRate} percent full. Rewritten pages go out with the
 * next store, and the chunks they leave become free space that new chunks reuse. The file is not shrunk
 * while the gateway runs (H2 shrinks it on close only when its own compaction is on).
 * <p>
 * Measured at 3,000 events/s (README "Benchmarks"): better than H2's own while the file is under about
 * 3 GB (accept p99 42-53 ms against 74-387), worse once it reaches 5 GB (204-226 ms against 101), with a
 * file 5-15 % larger. H2's own compaction therefore stays the default.
 */
public final class H2Compaction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(H2Compaction.class);

    private final DataSource dataSource;
    /** The open store; found again if H2 closed and reopened the database (all pooled connections gone). */
    private volatile MVStore store;
    private final int targetFillRate;
    private final int writeBytes;
    private final ScheduledExecutorService timer;
    private final AtomicLong steps = new AtomicLong();

    private H2Compaction(DataSource dataSource, MVStore store, Duration interval, int targetFillRate, int writeBytes) {
        this.dataSource = dataSource;
        this.store = store;
        this.targetFillRate = targetFillRate;
        this.writeBytes = writeBytes;
        if (store == null || targetFillRate <= 0 || writeBytes <= 0) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-compaction");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::step, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the job on the database behind {@code dataSource} if it is an embedded H2 file and the fill rate
     * and write size are above 0. On any other database (PostgreSQL, an in-memory H2, an H2 server) there is
     * nothing here to compact; with a fill rate or write size of 0 the job only reports on the file.
     */
    public static H2Compaction start(DataSource dataSource, Duration interval, int targetFillRate, int writeBytes) {
        MVStore store = fileStore(dataSource);
        if (store != null && targetFillRate > 0 && writeBytes > 0) {
            log.info("H2 file compaction: up to {} KB every {} ms while the chunks are under {} % full", writeBytes / 1024,
                    interval.toMillis(), targetFillRate);
        }
        return new H2Compaction(dataSource, store, interval, targetFillRate, writeBytes);
    }

    /** Whether the database is an embedded H2 file (its size and fill can be reported). */
    public boolean onH2File() {
        return store != null;
    }

    /** Whether the job compacts (an H2 file, and a fill rate and write size above 0). */
    public boolean active() {
        return timer != null;
    }

    /** The store of an embedded, persistent H2 database, or null. */
    static MVStore fileStore(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return fileStore(c); // null over TCP: the server compacts its own file
        } catch (SQLException | RuntimeException e) {
            log.warn("the H2 file's store is not reachable: {}", e.toString());
            return null;
        }
    }

    /** One step; also called by tests. Answers whether it rewrote anything. */
    boolean step() {
        try {
            if (!active()) {
                return false;
            }
            MVStore s = current();
            boolean rewrote = s != null && s.getFileStore() != null && s.compact(targetFillRate, writeBytes);
            if (rewrote) {
                steps.incrementAndGet();
            }
            return rewrote;
        } catch (RuntimeException e) {
            // H2 refuses while closing, or a chunk could not be read; the next step tries again.
            log.warn("H2 file compaction step failed: {}", e.toString());
            return false;
        }
    }

    /** The open store: found again if H2 has closed the one we had (and reopened the file); null if none. */
    private MVStore current() {
        MVStore s = store;
        if (s != null && s.isClosed()) {
            s = fileStore(dataSource); // the gateway is stopping, or H2 reopened the file
            if (s == null || s.isClosed()) {
                return null;
            }
            store = s;
        }
        return s;
    }

    /** The store of the embedded, persistent H2 database behind this connection, or null (H2 over TCP, another database). */
    static MVStore fileStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        Database db = session.getDatabase();
        return db.isPersistent() && db.getStore() != null ? db.getStore().getMvStore() : null;
    }

    /** Steps that rewrote chunks since start. */
    public long steps() {
        return steps.get();
    }

    /** Size of the database file in bytes; 0 when there is no file. */
    public long fileBytes() {
        return ofFile(FileStore::size, 0);
    }

    /** Average fill of the file's chunks, in percent (H2's CHUNKS_FILL_RATE); 100 when there is no file. */
    public int chunksFillRate() {
        return (int) ofFile(FileStore::getChunksFillRate, 100);
    }

    /** Share of page reads that H2's page cache served, in percent (H2's info.CACHE_HIT_RATIO); 100 when there is no file. */
    public int cacheHitPercent() {
        return (int) ofFile(FileStore::getCacheHitRatio, 100);
    }

    /** Pages read from the file since it was opened (cache misses); 0 when there is no file. */
    public long fileReads() {
        return ofFile(FileStore::getReadCount, 0);
    }

    /** A figure of the open store's file, or {@code none} when there is no file. */
    private long ofFile(ToLongFunction<FileStore<?>> figure, long none) {
        MVStore s = current();
        return s == null || s.getFileStore() == null ? none : figure.applyAsLong(s.getFileStore());
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
