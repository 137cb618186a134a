package vn.lienthong.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's compaction of an H2 file with H2's own compaction off (AUTO_COMPACT_FILL_RATE=0, as
 * config/application.yml's default URL has it). Steps are taken by hand on a clock that moves 100 ms a step,
 * with the answers that waited for the file counted as a quiet or a busy gateway would. The workload leaves every chunk
 * sparse, as the outbox does: each round appends rows that stay (an audit log, delivered events kept for
 * their retention) and rewrites a table that is rewritten again in the next round (the pending events,
 * their claims). Without compaction the file grows
 * by about the rewritten table every round; with it the file stays near its live data, and nothing is lost.
 * RETENTION_TIME=0 lets H2 reuse a freed chunk at once instead of after 45 s, so the test need not wait.
 */
class H2CompactionTest {
    private static final int ROUNDS = 120;
    private static final int KEPT_PER_ROUND = 50;
    private static final int REWRITTEN_ROWS = 2_000;

    @TempDir
    Path dir;

    @Test
    void keepsTheFileNearItsLiveDataAndLosesNothing() throws Exception {
        long without = run("without", null, new Load(false));
        long with = run("with", POLICY, new Load(false));
        // Measured with H2 2.3.232: 54 MB without, 3 MB with.
        assertThat(with).as("file size with the gateway's compaction (%d bytes without)", without).isLessThan(without / 4);
    }

    /**
     * A busy gateway on a fragmented file: its chunks are compacted, but the file is not shrunk (a move forces the
     * file to disk) until the gateway is quiet.
     */
    @Test
    void shouldRewriteWhileBusyAndShrinkOnlyOnceQuiet() throws Exception {
        Load load = new Load(true);
        JdbcDataSource ds = dataSource("busy");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            createTables(s);
            churn(c, s, null, load); // no compaction yet: a file of sparse chunks
            try (H2Compaction job = job(ds, POLICY, load)) {
                long fragmented = job.fileBytes();
                for (int step = 0; step < 200; step++) {
                    load.step(job);
                    s.execute("CHECKPOINT");
                }
                assertThat(job.steps()).as("steps that rewrote while busy").isPositive();
                assertThat(job.chunksFillRate()).as("chunk fill after the busy steps").isGreaterThanOrEqualTo(60);
                assertThat(job.moves()).as("moves while busy").isZero();
                assertThat(job.fileBytes()).as("file after the busy steps").isGreaterThanOrEqualTo(fragmented);

                // Quiet: no answer's store between the steps, so each step must store what it rewrote itself.
                load.busy = false;
                int quietSteps = 0;
                while (quietSteps < 2_000 && (load.step(job) || quietSteps < 20)) {
                    quietSteps++;
                }
                assertThat(job.moves()).as("quiet steps that moved chunks").isPositive();
                assertThat(job.fileBytes()).as("file once quiet (%d bytes before)", fragmented).isLessThan(fragmented / 4);
            }
            assertThat(count(s, "SELECT COUNT(*) FROM kept")).isEqualTo(ROUNDS * KEPT_PER_ROUND);
            assertThat(count(s, "SELECT COUNT(*) FROM rewritten WHERE round = " + ROUNDS)).isEqualTo(REWRITTEN_ROWS);
        }
    }

    /**
     * Each step stores what it rewrote: with no other store between steps (H2's background writer held back),
     * every step still finds chunks to empty, instead of picking the same ones, still counted live, again.
     */
    @Test
    void shouldStoreWhatEachStepRewrote() throws Exception {
        Load load = new Load(false);
        JdbcDataSource ds = dataSource("own-store");
        ds.setURL(ds.getURL() + ";WRITE_DELAY=60000");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            createTables(s);
            churn(c, s, null, load);
            try (H2Compaction job = job(ds, new H2Compaction.Policy(Duration.ofHours(1), 60, 64 * 1024, 0, 20), load)) {
                int rewrote = 0;
                for (int step = 0; step < 20; step++) {
                    rewrote += load.step(job) ? 1 : 0;
                }
                assertThat(rewrote).as("steps of 20 that rewrote, no store but their own between them").isEqualTo(20);
            }
        }
    }

    /** A URL without AUTO_COMPACT_FILL_RATE=0 leaves the file to H2: the job reports but never compacts beside it. */
    @Test
    void shouldLeaveTheFileToH2WhenItsOwnCompactionIsOn() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("h2-own") + ";DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("sa");
        try (Connection keepOpen = ds.getConnection(); H2Compaction job = job(ds, POLICY, new Load(false))) {
            assertThat(job.onH2File()).isTrue();
            assertThat(job.active()).isFalse();
            assertThat(job.step()).isFalse();
        }
    }

    @Test
    void findsTheFileAgainWhenH2HasClosedAndReopenedIt() throws Exception {
        JdbcDataSource ds = dataSource("reopened");
        H2Compaction job;
        Load load = new Load(false);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            createTables(s);
            job = job(ds, POLICY, load);
        } // the last connection closed: H2 closes the database (no DB_CLOSE_DELAY), and the job's store with it
        try (H2Compaction j = job; Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThat(churn(c, s, j, load)).as("steps that rewrote chunks after the reopen").isPositive();
            assertThat(j.fileBytes()).isEqualTo(Files.size(dir.resolve("reopened.mv.db")));
        }
    }

    @Test
    void isIdleOnAnInMemoryDatabase() {
        JdbcDataSource mem = new JdbcDataSource();
        mem.setURL("jdbc:h2:mem:compaction-idle;DB_CLOSE_DELAY=-1");
        try (H2Compaction job = job(mem, POLICY, new Load(false))) {
            assertThat(job.active()).isFalse();
            assertThat(job.onH2File()).isFalse();
            assertThat(job.step()).isFalse();
            assertThat(job.chunksFillRate()).isEqualTo(100);
        }
    }

    @Test
    void isOffWithAFillRateOfZero() throws Exception {
        JdbcDataSource ds = dataSource("off");
        try (Connection keepOpen = ds.getConnection(); H2Compaction job = job(ds, off(), new Load(false))) {
            assertThat(job.active()).isFalse();
            assertThat(job.step()).isFalse();
            assertThat(job.onH2File()).isTrue(); // it still reports on the file (the gauges)
            assertThat(job.fileBytes()).isEqualTo(Files.size(dir.resolve("off.mv.db")));
        }
    }

    @Test
    void countsThePagesItsCacheCouldNotServe() throws Exception {
        JdbcDataSource ds = dataSource("small-cache");
        ds.setURL(ds.getURL() + ";CACHE_SIZE=1024"); // 1 MB of page cache, for some 8 MB of rows
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             H2Compaction job = job(ds, off(), new Load(false))) {
            s.execute("CREATE TABLE kept (id INT PRIMARY KEY, payload VARCHAR(2000))");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO kept VALUES (?, ?)")) {
                for (int i = 0; i < 4_000; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, i + " " + "p".repeat(1990));
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            s.execute("CHECKPOINT");
            long before = job.fileReads();

            assertThat(count(s, "SELECT SUM(LENGTH(payload)) FROM kept")).isPositive(); // every leaf, in key order

            assertThat(job.fileReads() - before).as("pages read from the file by the scan").isGreaterThan(100);
            // The gauge is H2's own figure (which also counts the hits and misses of the inserts, as they fell).
            assertThat(job.cacheHitPercent()).as("page cache hits, in percent")
                    .isCloseTo((int) count(s, "SELECT CAST(SETTING_VALUE AS INT) FROM INFORMATION_SCHEMA.SETTINGS "
                            + "WHERE SETTING_NAME = 'info.CACHE_HIT_RATIO'"), within(1));
        }
        JdbcDataSource mem = new JdbcDataSource();
        mem.setURL("jdbc:h2:mem:compaction-cache;DB_CLOSE_DELAY=-1");
        try (H2Compaction job = job(mem, off(), new Load(false))) {
            assertThat(job.fileReads()).isZero();
            assertThat(job.cacheHitPercent()).isEqualTo(100);
        }
    }

    /** Runs the workload on a fresh file, with a job of {@code policy} (null: none); answers the file's size at the end. */
    private long run(String name, H2Compaction.Policy policy, Load load) throws Exception {
        JdbcDataSource ds = dataSource(name);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             H2Compaction job = policy == null ? null : job(ds, policy, load)) {
            createTables(s);
            if (job != null) {
                assertThat(job.active()).isTrue();
            }
            int rewrites = churn(c, s, job, load);
            if (job != null) {
                assertThat(rewrites).as("steps that rewrote chunks").isPositive();
                assertThat(job.steps() + job.moves()).isEqualTo(rewrites);
            }
            assertThat(count(s, "SELECT COUNT(*) FROM kept")).isEqualTo(ROUNDS * KEPT_PER_ROUND);
            assertThat(count(s, "SELECT COUNT(*) FROM rewritten WHERE round = " + ROUNDS)).isEqualTo(REWRITTEN_ROWS);
            assertThat(count(s, "SELECT COUNT(*) FROM kept WHERE payload LIKE 'round 7 row 3 %'")).isEqualTo(1);
        }
        // Reopen: what the file holds after the run is complete and readable.
        JdbcDataSource again = dataSource(name);
        try (Connection c = again.getConnection(); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM kept")).isEqualTo(ROUNDS * KEPT_PER_ROUND);
            s.execute("SHUTDOWN IMMEDIATELY");
        }
        return Files.size(dir.resolve(name + ".mv.db"));
    }

    private static void createTables(Statement s) throws SQLException {
        s.execute("CREATE TABLE kept (id INT PRIMARY KEY, payload VARCHAR(200))");
        s.execute("CREATE TABLE rewritten (id INT PRIMARY KEY, payload VARCHAR(200), round INT)");
    }

    /**
     * The rounds of the workload on {@code c}; with a job, its steps after each store (on {@code load}'s clock).
     * Answers the steps that rewrote or moved.
     */
    private static int churn(Connection c, Statement s, H2Compaction job, Load load) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO rewritten VALUES (?, ?, 0)")) {
            for (int i = 0; i < REWRITTEN_ROWS; i++) {
                ins.setInt(1, i);
                ins.setString(2, "x".repeat(200));
                ins.addBatch();
            }
            ins.executeBatch();
        }
        s.execute("CHECKPOINT");
        int rewrites = 0;
        try (PreparedStatement keep = c.prepareStatement("INSERT INTO kept VALUES (?, ?)");
             PreparedStatement rewrite = c.prepareStatement("UPDATE rewritten SET round = ?")) {
            for (int r = 1; r <= ROUNDS; r++) {
                for (int i = 0; i < KEPT_PER_ROUND; i++) {
                    keep.setInt(1, r * KEPT_PER_ROUND + i);
                    keep.setString(2, "round " + r + " row " + i + " " + "k".repeat(150));
                    keep.addBatch();
                }
                keep.executeBatch();
                rewrite.setInt(1, r);
                rewrite.executeUpdate();
                s.execute("CHECKPOINT"); // a store, as storage/Durability runs one per group of answers
                if (job != null) {
                    // several steps a round, as the job runs every 100 ms against stores every few ms
                    for (int step = 0; step < 4; step++) {
                        rewrites += load.step(job) ? 1 : 0;
                    }
                    s.execute("CHECKPOINT");
                }
            }
        }
        return rewrites;
    }

    /** What the job sees: a clock that moves 100 ms a step, and 10 answers a step (100 a second) while busy. */
    private static final class Load {
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong answers = new AtomicLong();
        volatile boolean busy;

        Load(boolean busy) {
            this.busy = busy;
        }

        boolean step(H2Compaction job) {
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            if (busy) {
                answers.addAndGet(10);
            }
            return job.step();
        }
    }

    /** Compaction to 60 % in steps of 512 KB and moves of 4 MB, quiet under 20 answers a second (the defaults). */
    private static final H2Compaction.Policy POLICY = new H2Compaction.Policy(Duration.ofHours(1), 60, 512 * 1024, 4 * 1024 * 1024, 20);

    private static H2Compaction.Policy off() {
        return new H2Compaction.Policy(Duration.ofHours(1), 0, 512 * 1024, 4 * 1024 * 1024, 20);
    }

    /** A job stepped by hand (no timer), on {@code load}'s clock and answers. */
    private static H2Compaction job(JdbcDataSource ds, H2Compaction.Policy policy, Load load) {
        return new H2Compaction(ds, H2Compaction.fileStore(ds), policy, load.answers::get, load.nanos::get, false);
    }

    private JdbcDataSource dataSource(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(name) + ";AUTO_COMPACT_FILL_RATE=0;RETENTION_TIME=0;DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("sa");
        return ds;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
