package vn.lienthong.gateway.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the embedded H2 file in steps small enough that no answer waits long behind one, and shrinks it
 * while the database is quiet. Reports the file's size, its fill and its page cache either way.
 * <p>
 * Every change on H2 is written as a new chunk at the end of the file's used space, and older chunks keep
 * fewer live pages as rows change; their space is reused only once nothing in them is live. H2's own
 * background compaction rewrites sparse chunks and moves whole chunks toward the front of the file, several
 * megabytes at a time with an {@code fsync} between the moves, holding the lock that every store takes. A 202
 * waits for a store ({@link Durability}), so under a steady load those moves hold the answers up. With {@code AUTO_COMPACT_FILL_RATE=0} in the database URL (the default URL has it) H2 compacts
 * nothing and this job does it instead, every {@code interval}:
 * <ul>
 * <li>while the chunks are on average less than {@code targetFillRate} percent full, it rewrites the sparsest
 * old chunks, at most {@code writeBytes} of live data a step (a few milliseconds under the store lock), and
 * stores what it rewrote at once, itself, so that no store an answer waits for carries those pages and the
 * next step finds the chunks emptied; the chunks left behind become free space that new chunks reuse;</li>
 * <li>while fewer than {@code quietBelow} answers a second waited for the file (a quiet database) and the file
 * has room to spare, it shrinks the file, moving at most {@code moveBytes} of chunks from its end into the
 * free space before it. A move forces the file to disk two or three times under the lock, which is why it
 * waits for quiet.</li>
 * </ul>
 * What it costs and saves, measured, and when it earns its place: docs/storage.md and docs/benchmarks.md. With H2's own compaction on (a URL without {@code AUTO_COMPACT_FILL_RATE=0}) the job only
 * reports.
 */
public final class H2Compaction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(H2Compaction.class);
    /** The span over which the answers' rate is judged. */
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * When and how much to compact.
     *
     * @param interval       pause between two steps
     * @param targetFillRate rewrite while the chunks are on average less full than this (percent); 0: off
     * @param writeBytes     live data rewritten in one step at most (the store lock is held that long)
     * @param moveBytes      chunks moved toward the front of the file in one quiet step at most; 0: never shrink
     * @param quietBelow     answers a second that waited for the file, under which the database is quiet
     */
    public record Policy(Duration interval, int targetFillRate, int writeBytes, int moveBytes, int quietBelow) {
    }

    private final DataSource dataSource;
    /** The open store; found again if H2 closed and reopened the database (all pooled connections gone). */
    private volatile MVStore store;
    private final Policy policy;
    private final boolean active;
    /** Answers that waited for the file so far ({@link Durability#waits()}), and the clock they are rated by. */
    private final LongSupplier answers;
    private final LongSupplier nanoClock;
    /** Recent samples of {@link #answers} as {time, count}, oldest first, spanning at most the window. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private final ScheduledExecutorService timer;
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong moves = new AtomicLong();

    H2Compaction(DataSource dataSource, MVStore store, Policy policy, LongSupplier answers, LongSupplier nanoClock,
                 boolean schedule) {
        this.dataSource = dataSource;
        this.store = store;
        this.policy = policy;
        this.answers = answers;
        this.nanoClock = nanoClock;
        this.active = store != null && policy.targetFillRate() > 0 && policy.writeBytes() > 0 && !h2CompactsItself(dataSource);
        if (!active || !schedule) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-compaction");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, policy.interval().toMillis());
        timer.scheduleWithFixedDelay(this::step, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the job on the database behind {@code dataSource} if it is an embedded H2 file whose own compaction
     * is off, and the fill rate and write size are above 0; {@code answers} counts the answers that waited for
     * the file. On any other database (PostgreSQL, an in-memory H2, an H2 server) there is nothing here to
     * compact; otherwise the job only reports on the file.
     */
    public static H2Compaction start(DataSource dataSource, Policy policy, LongSupplier answers) {
        H2Compaction job = new H2Compaction(dataSource, fileStore(dataSource), policy, answers, System::nanoTime, true);
        if (job.active) {
            log.info("H2 file compaction: up to {} KB rewritten every {} ms while the chunks are under {} % full; up to {} KB moved"
                    + " to shrink the file while under {} answers/s wait for it", policy.writeBytes() / 1024, policy.interval().toMillis(),
                    policy.targetFillRate(), policy.moveBytes() / 1024, policy.quietBelow());
            if (job.store.getRetentionTime() == 0 && policy.moveBytes() > 0) {
                // H2 then reuses a freed chunk's space at once, which its documentation advises against (the file
                // system may not have written what the newer chunks replace), and this job's moves free chunks.
                log.warn("the H2 URL sets RETENTION_TIME=0: freed chunks are overwritten at once, which H2 advises"
                        + " against; leave H2's default (45 s)");
            }
        } else if (job.store != null && policy.targetFillRate() > 0 && h2CompactsItself(dataSource)) {
            log.info("H2 compacts its own file (the database URL lacks AUTO_COMPACT_FILL_RATE=0): the gateway's compaction is off");
        }
        return job;
    }

    /** Whether H2's own background compaction is on for this database (AUTO_COMPACT_FILL_RATE above 0). */
    private static boolean h2CompactsItself(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.isWrapperFor(JdbcConnection.class) && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                    && session.getDatabase().getSettings().autoCompactFillRate > 0;
        } catch (SQLException | RuntimeException e) {
            return true; // not known: leave the file to H2
        }
    }

    /** Whether the database is an embedded H2 file (its size and fill can be reported). */
    public boolean onH2File() {
        return store != null;
    }

    /** Whether the job compacts (an H2 file without H2's own compaction, and a fill rate and write size above 0). */
    public boolean active() {
        return active;
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

    /** One step; also called by tests. Answers whether it rewrote or moved anything. */
    synchronized boolean step() {
        try {
            if (!active()) {
                return false;
            }
            MVStore s = current();
            if (s == null || s.getFileStore() == null) {
                return false;
            }
            FileStore<?> file = s.getFileStore();
            boolean quiet = answersPerSecond() < policy.quietBelow();
            if (file.getChunksFillRate() < policy.targetFillRate() && s.compact(policy.targetFillRate(), policy.writeBytes())) {
                steps.incrementAndGet();
                // Stored now, by this thread: the next step finds these chunks emptied (until a store their pages
                // count as live, so it would pick them again and rewrite nothing), and no store that an answer
                // waits for carries the rewritten pages.
                s.commit();
                return true;
            }
            if (quiet && policy.moveBytes() > 0 && file instanceof RandomAccessStore ras && ras.getFillRate() < policy.targetFillRate()) {
                long writes = file.getWriteCount();
                ras.compactMoveChunks(policy.targetFillRate(), policy.moveBytes(), s);
                if (file.getWriteCount() != writes) {
                    moves.incrementAndGet();
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            // H2 refuses while closing, or a chunk could not be read; the next step tries again.
            log.warn("H2 file compaction step failed: {}", e.toString());
            return false;
        }
    }

    /** Answers a second that waited for the file, over the last second (or since the first sample). */
    private double answersPerSecond() {
        long now = nanoClock.getAsLong();
        long count = answers.getAsLong();
        samples.addLast(new long[] {now, count});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] oldest = samples.peekFirst();
        long span = now - oldest[0];
        return span <= 0 ? 0 : (count - oldest[1]) * 1e9 / span;
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

    /** Quiet steps that moved chunks toward the front of the file (the file shrinks once its end is free), since start. */
    public long moves() {
        return moves.get();
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
