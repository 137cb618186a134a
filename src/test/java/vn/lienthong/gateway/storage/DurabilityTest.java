package vn.lienthong.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Durability#await()} asks of an embedded H2 file: a store of the committed changes and, with
 * syncToDisk, the file forced to the device. The database runs on H2's own file system behind a wrapper
 * (scheme {@code forcecount:}) that counts {@code FileChannel.force} calls, the fsync a power loss needs.
 */
class DurabilityTest {
    private static final AtomicInteger FORCES = new AtomicInteger();
    /** Order of file operations: the last write's and the last force's number. */
    private static final AtomicInteger OPS = new AtomicInteger();
    private static volatile int lastWrite;
    private static volatile int lastForce;

    @TempDir
    Path dir;

    @BeforeAll
    static void registerCountingFileSystem() {
        FilePath.register(new ForceCountingPath());
    }

    @Test
    void forcesTheFileToTheDeviceBeforeAnsweringWhenSyncToDiskIsOn() throws Exception {
        JdbcDataSource ds = dataSource("on");
        try (Connection held = ds.getConnection(); Statement s = held.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            Durability durability = Durability.of(ds, true);
            s.execute("INSERT INTO t VALUES (1)");
            long writesBefore = fileWrites(s);
            FORCES.set(0);
            durability.await();
            assertThat(fileWrites(s)).as("the commit was written to the file").isGreaterThan(writesBefore);
            assertThat(FORCES.get()).as("fsync calls during await").isGreaterThanOrEqualTo(1);
            assertThat(lastForce).as("a force after the last write").isGreaterThan(lastWrite);
        }
    }

    @Test
    void storesWithoutForcingWhenSyncToDiskIsOff() throws Exception {
        JdbcDataSource ds = dataSource("off");
        try (Connection held = ds.getConnection(); Statement s = held.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            Durability durability = Durability.of(ds, false);
            s.execute("INSERT INTO t VALUES (1)");
            long writesBefore = fileWrites(s);
            FORCES.set(0);
            durability.await();
            assertThat(FORCES.get()).as("fsync calls during await").isZero();
            assertThat(fileWrites(s)).as("the commit was still written to the file").isGreaterThan(writesBefore);
        }
    }

    private JdbcDataSource dataSource(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        // H2's compaction off (it forces the file when moving chunks; shrinking the file, which also forces it,
        // cannot happen in a new file within RETENTION_TIME), and its background writer held back, so that
        // await() is what stores the commit
        ds.setURL("jdbc:h2:" + ForceCountingPath.SCHEME + ":" + dir.resolve(name).toAbsolutePath()
                + "/db;AUTO_COMPACT_FILL_RATE=0;WRITE_DELAY=60000");
        ds.setUser("sa");
        return ds;
    }

    private static long fileWrites(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE'")) {
            assertThat(rs.next()).isTrue();
            return Long.parseLong(rs.getString(1));
        }
    }

    /** H2's default file system, counting each {@code force} of a channel it opened. */
    public static final class ForceCountingPath extends FilePathWrapper {
        static final String SCHEME = "forcecount";

        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            return new Counting(getBase().open(mode));
        }
    }

    private static final class Counting extends FileBase {
        private final FileChannel base;

        Counting(FileChannel base) {
            this.base = base;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            base.force(metaData);
            FORCES.incrementAndGet();
            lastForce = OPS.incrementAndGet();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            lastWrite = OPS.incrementAndGet();
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            lastWrite = OPS.incrementAndGet();
            return base.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return this;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
