package vn.lienthong.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed (SIGKILL) while the gateway's compaction rewrites and moves chunks of its H2 file loses
 * nothing it had made durable. A child JVM runs the workload of H2CompactionTest (rows kept, a table
 * rewritten every round), each round made durable by {@link Durability} as the gateway's answers are, while
 * the compaction runs on its own timer every 5 ms as a quiet gateway's does; it prints each round once
 * durable. The test kills it at a random moment after the compaction has moved chunks, three times on the
 * same file, and each time reopens the file and finds every durable round.
 */
class H2CompactionCrashTest {
    private static final int KEPT_PER_ROUND = 50;
    private static final int REWRITTEN_ROWS = 2_000;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryDurableRoundWhenKilledWhileCompacting() throws Exception {
        Path file = dir.resolve("crash");
        long movesSeen = 0;
        for (int life = 0; life < 3; life++) {
            Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    Workload.class.getName(), file.toString()).redirectErrorStream(true).start();
            int durable = -1;
            long moves = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                int roundsAfterMoves = ThreadLocalRandom.current().nextInt(5, 40);
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("durable ")) {
                        String[] f = line.split(" ");
                        durable = Integer.parseInt(f[1]);
                        moves = Long.parseLong(f[3]);
                        if (moves > 0 && --roundsAfterMoves == 0) {
                            Thread.sleep(ThreadLocalRandom.current().nextInt(10));
                            child.destroyForcibly().waitFor();
                            break;
                        }
                    }
                }
            }
            assertThat(child.waitFor()).as("the child was killed (it ends only by SIGKILL)").isNotZero();
            assertThat(durable).as("rounds the child made durable in life %d", life).isPositive();
            movesSeen += moves;
            try (Connection c = dataSource(file).getConnection(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM kept WHERE round <= " + durable))
                        .as("kept rows of the %d durable rounds", durable).isEqualTo((long) durable * KEPT_PER_ROUND);
                assertThat(count(s, "SELECT MIN(round) FROM rewritten")).as("the rewritten table's round").isGreaterThanOrEqualTo(durable);
                assertThat(count(s, "SELECT COUNT(*) FROM rewritten")).isEqualTo(REWRITTEN_ROWS);
                // A round begun after the last durable one starts again. Its rows commit one by one, and a store
                // that ran while it was written can have put some of them in the file: delete them durably, or the
                // next life counts a partial round among its durable ones.
                s.execute("DELETE FROM kept WHERE round > " + durable);
                s.execute("CHECKPOINT SYNC");
                s.execute("SHUTDOWN IMMEDIATELY");
            }
        }
        assertThat(movesSeen).as("chunk moves before the kills").isPositive();
    }

    private static JdbcDataSource dataSource(Path file) {
        JdbcDataSource ds = new JdbcDataSource();
        // H2's own compaction off, as in the gateway's default URL. Freed chunks reusable after 100 ms instead of
        // H2's 45 s, so that moves start within a second of a life (the compaction rewrites first while freed chunks
        // wait); not 0, which the gateway's URL never sets: H2's recovery after a crash counts on recently freed
        // chunks staying intact, and 0 reuses them at once.
        ds.setURL("jdbc:h2:file:" + file + ";AUTO_COMPACT_FILL_RATE=0;RETENTION_TIME=100;DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("sa");
        return ds;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The child: rounds until killed, each durable before it is printed, with the compaction on its own timer. */
    public static final class Workload {
        public static void main(String[] args) throws Exception {
            JdbcDataSource ds = dataSource(Path.of(args[0]));
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS kept (id INT PRIMARY KEY, round INT, payload VARCHAR(200))");
                s.execute("CREATE TABLE IF NOT EXISTS rewritten (id INT PRIMARY KEY, round INT, payload VARCHAR(200))");
                int round = (int) count(s, "SELECT COALESCE(MAX(round), 0) FROM kept");
                if (count(s, "SELECT COUNT(*) FROM rewritten") == 0) {
                    s.execute("INSERT INTO rewritten SELECT X, 0, REPEAT('x', 200) FROM SYSTEM_RANGE(1, " + REWRITTEN_ROWS + ")");
                }
                Durability durability = Durability.of(ds, true);
                H2Compaction job = new H2Compaction(ds, H2Compaction.fileStore(ds),
                        new H2Compaction.Policy(Duration.ofMillis(5), 60, 512 * 1024, 1024 * 1024, 20), () -> 0, System::nanoTime, true);
                try (PreparedStatement keep = c.prepareStatement("INSERT INTO kept VALUES (?, ?, ?)");
                     PreparedStatement rewrite = c.prepareStatement("UPDATE rewritten SET round = ?")) {
                    while (true) {
                        round++;
                        for (int i = 0; i < KEPT_PER_ROUND; i++) {
                            keep.setInt(1, round * KEPT_PER_ROUND + i);
                            keep.setInt(2, round);
                            keep.setString(3, "round " + round + " row " + i + " " + "k".repeat(150));
                            keep.addBatch();
                        }
                        keep.executeBatch();
                        rewrite.setInt(1, round);
                        rewrite.executeUpdate();
                        durability.await();
                        System.out.println(String.join(" ", List.of("durable", Integer.toString(round), "moves",
                                Long.toString(job.moves()), "steps", Long.toString(job.steps()))));
                        System.out.flush();
                    }
                }
            }
        }
    }
}
