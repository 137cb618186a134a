package vn.lienthong.gateway.sandbox;

import java.util.Objects;

/**
 * A misbehaviour rule of the lookup simulators ({@link PopulationSimulator}, {@link RegistrySimulator}),
 * the same switches as {@link PortalFault}: the connection dropped, a slow answer, a national fault code
 * (the population database's MaLoi; an HTTP status for the registry), or a quota refusal (429).
 *
 * @param times how many times the rule may still fire; -1 = until cleared
 * @param code  FAULT: the MaLoi (population) or HTTP status (registry) to answer
 */
public record SimFault(Mode mode, int times, long delayMillis, String code, int retryAfterSeconds) {

    public enum Mode { DOWN, SLOW, FAULT, RATE_LIMITED }

    public static final int UNTIL_CLEARED = -1;

    public SimFault {
        Objects.requireNonNull(mode, "mode");
        if (times < UNTIL_CLEARED) throw new IllegalArgumentException("times must be >= -1: " + times);
        if (delayMillis < 0 || delayMillis > Integer.MAX_VALUE) throw new IllegalArgumentException("delayMillis out of range: " + delayMillis);
    }

    public static SimFault down(int times) { return new SimFault(Mode.DOWN, times, 0, null, 0); }

    public static SimFault slow(long delayMillis, int times) { return new SimFault(Mode.SLOW, times, delayMillis, null, 0); }

    public static SimFault fault(String code, int times) { return new SimFault(Mode.FAULT, times, 0, code, 0); }

    public static SimFault rateLimited(int retryAfterSeconds, int times) {
        return new SimFault(Mode.RATE_LIMITED, times, 0, null, retryAfterSeconds);
    }
}
