package vn.lienthong.gateway.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code gateway.storage.*}: how the embedded H2 file is written and compacted. */
@ConfigurationProperties(prefix = "gateway.storage")
public class StorageProperties {
    private final Compaction h2Compaction = new Compaction();
    /** Embedded H2: each store that answers wait for ends with an fsync (storage/Durability); off: a killed process loses nothing, a power loss may. */
    private boolean h2SyncToDisk = true;
    public Compaction getH2Compaction() { return h2Compaction; }
    public boolean isH2SyncToDisk() { return h2SyncToDisk; }
    public void setH2SyncToDisk(boolean h2SyncToDisk) { this.h2SyncToDisk = h2SyncToDisk; }

    /** The gateway's own compaction of an embedded H2 file (storage/H2Compaction), with H2's off in the URL. */
    public static class Compaction {
        /** Pause between two steps. */
        private Duration interval = Duration.ofMillis(100);
        /** Steps rewrite while the file's chunks are on average less full than this (percent); 0: off. */
        private int targetFillRate = 60;
        /** Live data rewritten in one step at most; the store lock is held that long. */
        private DataSize write = DataSize.ofKilobytes(512);
        /** Chunks moved toward the front of the file (to shrink it) in one quiet step at most; 0: the file never shrinks. */
        private DataSize move = DataSize.ofMegabytes(4);
        /** Answers a second that waited for the file, under which the database is quiet and the file may be shrunk. */
        private int quietBelow = 20;
        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
        public int getTargetFillRate() { return targetFillRate; }
        public void setTargetFillRate(int targetFillRate) { this.targetFillRate = targetFillRate; }
        public DataSize getWrite() { return write; }
        public void setWrite(DataSize write) { this.write = write; }
        public DataSize getMove() { return move; }
        public void setMove(DataSize move) { this.move = move; }
        public int getQuietBelow() { return quietBelow; }
        public void setQuietBelow(int quietBelow) { this.quietBelow = quietBelow; }
    
        public H2Compaction.Policy policy() {
            return new H2Compaction.Policy(interval, targetFillRate, (int) write.toBytes(),
                    (int) move.toBytes(), quietBelow);
        }
    }
}
