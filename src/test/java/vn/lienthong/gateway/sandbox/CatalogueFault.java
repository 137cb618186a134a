package vn.lienthong.gateway.sandbox;

import java.util.Objects;

/**
 * A misbehaviour rule of the simulated catalogue services ({@link SimCatalogue}), in the style of
 * {@link PortalFault}: the connection faults of PortalFault (DOWN, SLOW, …) apply to catalogue calls too; these
 * are the answers only a catalogue service gives.
 *
 * @param times         how many matching calls the rule may still answer; -1 = until cleared
 * @param service       only this service (LayThuTuc, LayDanhSachTTHC, …); null = any catalogue service
 * @param procedureCode only LayThuTuc for this maTTHC; null = any
 * @param errorCode     ERROR: the error_code answered
 */
public record CatalogueFault(Mode mode, int times, String service, String procedureCode, int errorCode) {

    public enum Mode {
        /** A result of the wrong shape (LayThuTuc: THANHPHANHOSO not a list; a list service: result not a list). */
        MALFORMED,
        /** {@code "result": []}. */
        EMPTY,
        /** {@code error_code} other than 0, no result. */
        ERROR
    }

    public static final int UNTIL_CLEARED = -1;

    public CatalogueFault {
        Objects.requireNonNull(mode, "mode");
        if (times < UNTIL_CLEARED) throw new IllegalArgumentException("times must be >= -1: " + times);
    }

    /** LayThuTuc for {@code code} (null = every procedure) is answered with this fault. */
    public static CatalogueFault procedure(Mode mode, String code) {
        return new CatalogueFault(mode, UNTIL_CLEARED, SimCatalogue.PROCEDURE, code, 99);
    }

    /** The service (LayDanhSachTTHC, …) is answered with this fault. */
    public static CatalogueFault service(Mode mode, String service) {
        return new CatalogueFault(mode, UNTIL_CLEARED, service, null, 99);
    }

    public CatalogueFault withTimes(int n) {
        return new CatalogueFault(mode, n, service, procedureCode, errorCode);
    }

    public CatalogueFault withErrorCode(int code) {
        return new CatalogueFault(mode, times, service, procedureCode, code);
    }
}
