package vn.lienthong.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time of this process split by what spent it, read from /proc/self/task (Linux): the JIT compiler
 * threads, the garbage collector's threads and everything else (client, gateway, simulators). On 2 cores the
 * compiler alone takes most of a core for minutes after start-up, so a throughput figure moves with it; the
 * CPU the rest spends per event does not, and says what a change of code did. Elsewhere than Linux: zeros.
 */
final class CpuMeter {
    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
    private static final double TICK_NANOS = 1e9 / 100;

    /** CPU nanoseconds: compiler threads, GC threads, the rest. */
    record Sample(long jit, long gc, long rest) {
        Sample minus(Sample earlier) {
            return new Sample(jit - earlier.jit, gc - earlier.gc, rest - earlier.rest);
        }

        /** {@code jit_us=… gc_us=… app_us=…} per unit of work. */
        String perUnit(String unit, long units) {
            double n = Math.max(1, units) * 1e3;
            return String.format(Locale.ROOT, "cpu_us_per_%s app=%.0f jit=%.0f gc=%.0f", unit, rest / n, jit / n, gc / n);
        }
    }

    private CpuMeter() {
    }

    static Sample now() {
        long jit = 0;
        long gc = 0;
        long all;
        try {
            all = ticks(Files.readString(Path.of("/proc/self/stat"))); // threads that ended count here too
        } catch (IOException | RuntimeException notLinux) {
            return new Sample(0, 0, 0);
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.contains("CompilerThre")) {
                    jit += ticks(stat);
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
                    gc += ticks(stat);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return new Sample(0, 0, 0);
        }
        return new Sample(jit, gc, all - jit - gc);
    }

    /** CPU time (all threads) another process has used so far, in nanoseconds; 0 elsewhere than Linux. */
    static long ofProcess(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }

    /** utime + stime of a /proc stat line, in nanoseconds. */
    private static long ticks(String stat) {
        // fields after the name: state(0) … utime(11) stime(12)
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (long) ((Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS);
    }
}
