package vn.lienthong.gateway.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Makes committed writes durable before the gateway answers for them (a 202, an audited lookup, a portal
 * answer recorded as applied). Call {@link #await()} after the commit: it returns once every commit that
 * returned before the call is in the database's file.
 * <p>
 * PostgreSQL: nothing to do, a commit is durable when it returns ({@code synchronous_commit}). H2: a commit
 * changes pages in memory and H2 writes them to its file as one chunk per store; with a store per commit
 * (WRITE_DELAY=0) every commit rewrote every page it touched, and pages touched by many commits a second (the
 * tail of the outbox, its index pages, the undo logs) were rewritten as often, which was most of the gateway's
 * CPU. Here the commits that wait at the same moment share one store: the first waiter
 * stores, those arriving meanwhile wait for the next store, which one of them runs. A commit nobody waits for
 * (a claim, a retry schedule) reaches the file with the next store, or H2's own writer within WRITE_DELAY.
 * <p>
 * A store is a {@code CHECKPOINT}, then a wait for H2's serialisation and save threads (a store H2 started
 * on its own may carry our commit and still be queued there), then, with {@code syncToDisk} (the default),
 * {@code FileChannel.force}: an answered write survives a power loss as well as a killed process. Without
 * it H2 hands the chunk to the operating system without {@code fsync}, which survives a killed process but
 * not a power loss before the kernel writes its buffers back. Over TCP the server's file gets
 * {@code CHECKPOINT SYNC} or {@code CHECKPOINT}.
 */
public final class Durability {
    private static final Logger log = LoggerFactory.getLogger(Durability.class);

    private final DataSource dataSource;
    private final boolean storesOnRequest;
    private final boolean syncToDisk;
    /** Stores started and stores finished; a store serves the commits that returned before it started. */
    private long started;
    private long finished;
    private boolean storing;
    /** Calls of {@link #await()} that waited for the file: how busy the answers are (H2Compaction shrinks the file when few). */
    private final LongAdder waits = new LongAdder();

    private Durability(DataSource dataSource, boolean storesOnRequest, boolean syncToDisk) {
        this.dataSource = dataSource;
        this.storesOnRequest = storesOnRequest;
        this.syncToDisk = syncToDisk;
    }

    /**
     * For the database behind {@code dataSource}: group stores on an H2 file, nothing on an in-memory H2 or on a
     * database durable at commit. {@code syncToDisk}: each store on H2 ends with an {@code fsync}.
     */
    public static Durability of(DataSource dataSource, boolean syncToDisk) {
        String[] db = productAndUrl(dataSource);
        boolean h2File = "H2".equalsIgnoreCase(db[0]) && !db[1].startsWith("jdbc:h2:mem:");
        Durability d = new Durability(dataSource, h2File, syncToDisk);
        if (h2File) {
            d.store(); // fails at start-up, clearly, if the user may not run CHECKPOINT (H2 wants an admin)
        }
        return d;
    }

    /** Returns when every commit that returned before this call is durable; throws if the database cannot write. */
    public void await() {
        if (!storesOnRequest) {
            return;
        }
        waits.increment();
        long needed;
        synchronized (this) {
            needed = started + 1; // a store running now may have started before our commit
        }
        while (true) {
            long mine;
            synchronized (this) {
                while (finished < needed && storing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the database to write", e);
                    }
                }
                if (finished >= needed) {
                    return;
                }
                storing = true;
                mine = ++started;
            }
            boolean ok = false;
            try {
                store();
                ok = true;
            } finally {
                synchronized (this) {
                    storing = false;
                    if (ok) {
                        finished = mine;
                    }
                    notifyAll();
                }
            }
        }
    }

    /** How many times an answer waited for the file since start (0 where commits are durable by themselves). */
    public long waits() {
        return waits.sum();
    }

    private void store() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            MVStore local = H2Compaction.fileStore(c);
            if (local == null) {
                s.execute(syncToDisk ? "CHECKPOINT SYNC" : "CHECKPOINT"); // H2 over TCP: the server's file
                return;
            }
            s.execute("CHECKPOINT"); // also refuses, clearly, a user who is not an admin
            // A store that H2's background writer (or a large commit) started a moment ago may hold our commit
            // and still be queued in H2's serialisation and save threads; CHECKPOINT then finds nothing left to
            // store and returns at once. Wait for those threads, then force the file.
            local.executeFilestoreOperation(() -> { });
            if (syncToDisk) {
                local.sync();
            }
        } catch (SQLException | RuntimeException e) {
            log.error("the embedded database could not write its file: {}", e.toString());
            throw new IllegalStateException("the database could not write its file: " + e.getMessage(), e);
        }
    }

    private static String[] productAndUrl(DataSource ds) {
        try {
            return JdbcUtils.extractDatabaseMetaData(ds, md -> new String[] {String.valueOf(md.getDatabaseProductName()),
                    String.valueOf(md.getURL())});
        } catch (MetaDataAccessException e) {
            return new String[] {"", ""};
        }
    }
}
