package vn.lienthong.gateway.sandbox;

import java.util.Objects;

/**
 * A misbehaviour rule for {@link OneStopSimulator}.
 *
 * @param times        how many times the rule may still fire; -1 = until cleared
 * @param httpStatus   status answered by HTTP_ERROR (e.g. 503 transient, 400 or 422 permanent)
 * @param delayMillis  delay of SLOW
 * @param pathContains only requests whose path contains this match; {@code null} = any
 */
public record OneStopFault(Mode mode, int times, int httpStatus, long delayMillis, String pathContains) {

    public enum Mode { DOWN, HTTP_ERROR, SLOW }

    public OneStopFault {
        Objects.requireNonNull(mode, "mode");
        if (times < -1) throw new IllegalArgumentException("times must be >= -1: " + times);
        if (delayMillis < 0 || delayMillis > Integer.MAX_VALUE) throw new IllegalArgumentException("delayMillis out of range");
    }

    /** Connection reset for the next {@code times} requests (-1: until cleared). */
    public static OneStopFault down(int times) { return new OneStopFault(Mode.DOWN, times, 503, 0, null); }

    public static OneStopFault httpError(int status, int times) { return new OneStopFault(Mode.HTTP_ERROR, times, status, 0, null); }

    public static OneStopFault slow(long delayMillis, int times) { return new OneStopFault(Mode.SLOW, times, 503, delayMillis, null); }

    public OneStopFault forPath(String part) { return new OneStopFault(mode, times, httpStatus, delayMillis, part); }
}
