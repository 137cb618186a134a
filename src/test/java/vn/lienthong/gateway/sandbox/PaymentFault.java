package vn.lienthong.gateway.sandbox;

import java.util.Objects;

/**
 * A misbehaviour rule of {@link PaymentPlatformSimulator}: the platform down (DOWN: every call's connection dropped),
 * a slow answer (SLOW), a call refused with the platform's error code (REJECT: error_code / MaLoi "10"), or a confirm callback lost (CONFIRM_LOST), sent twice (CONFIRM_REPEATED), sent late
 * (CONFIRM_LATE, after delayMillis), sealed wrongly (WRONG_SEAL) or carrying another amount (WRONG_AMOUNT).
 *
 * @param times how many times the rule may still fire; -1 = until cleared
 */
public record PaymentFault(Mode mode, int times, long delayMillis) {

    public enum Mode { DOWN, SLOW, REJECT, CONFIRM_LOST, CONFIRM_REPEATED, CONFIRM_LATE, WRONG_SEAL, WRONG_AMOUNT;
        boolean ofConfirm() {
            return this != DOWN && this != SLOW && this != REJECT;
        }
    }

    public PaymentFault {
        Objects.requireNonNull(mode, "mode");
        if (times < -1) throw new IllegalArgumentException("times must be >= -1: " + times);
        if (delayMillis < 0 || delayMillis > Integer.MAX_VALUE) throw new IllegalArgumentException("delayMillis out of range");
    }

    public static PaymentFault of(Mode mode, int times) {
        return new PaymentFault(mode, times, 2000);
    }
}
