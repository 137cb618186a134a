package vn.lienthong.gateway.sandbox;

import java.util.Objects;

/**
 * A misbehaviour rule for {@link PortalSimulator}'s {@code /integration} endpoint.
 *
 * @param times          how many times the rule may still fire (calls; records for EXISTS/REJECT); -1 = until cleared
 * @param probability    chance (0..1) that a matching call (record, for EXISTS/REJECT) triggers the rule
 * @param dossierCode    only calls carrying a record with this MaHoSo match (and, for EXISTS/REJECT, only that
 *                       record is affected); {@code null} = any. EXISTS and REJECT are judged per record, so
 *                       rules for several dossiers all apply within one call
 * @param service        only calls for this service match; {@code null} = any
 */
public record PortalFault(Mode mode, int times, double probability, long delayMillis, int retryAfterSeconds,
                          int httpStatus, int recordErrorCode, String dossierCode, String service) {

    public enum Mode { DOWN, SLOW, HTTP_ERROR, BUSY, RATE_LIMITED, SESSION_EXPIRED, EXISTS, REJECT }

    public static final int UNTIL_CLEARED = -1;

    public PortalFault {
        Objects.requireNonNull(mode, "mode");
        if (times < UNTIL_CLEARED) throw new IllegalArgumentException("times must be >= -1: " + times);
        if (!(probability >= 0 && probability <= 1)) throw new IllegalArgumentException("probability not in 0..1: " + probability);
        if (delayMillis < 0 || delayMillis > Integer.MAX_VALUE) throw new IllegalArgumentException("delayMillis out of range: " + delayMillis);
    }

    /** A rule with the defaults the control endpoint also uses. */
    public static PortalFault of(Mode mode) {
        return new PortalFault(mode, UNTIL_CLEARED, 1.0, 0, 1, 503, 14, null, null);
    }

    public static PortalFault down(int times) { return of(Mode.DOWN).withTimes(times); }

    public static PortalFault slow(long delayMillis, int times) {
        return new PortalFault(Mode.SLOW, times, 1.0, delayMillis, 1, 503, 14, null, null);
    }

    public static PortalFault httpError(int status, int times) {
        return new PortalFault(Mode.HTTP_ERROR, times, 1.0, 0, 1, status, 14, null, null);
    }

    public static PortalFault busy(int times) { return of(Mode.BUSY).withTimes(times); }

    public static PortalFault rateLimited(int retryAfterSeconds, int times) {
        return new PortalFault(Mode.RATE_LIMITED, times, 1.0, 0, retryAfterSeconds, 503, 14, null, null);
    }

    public static PortalFault sessionExpired(int times) { return of(Mode.SESSION_EXPIRED).withTimes(times); }

    /** Create calls for {@code dossierCode} (null = every record) are answered -3 "đã tồn tại". */
    public static PortalFault exists(String dossierCode) { return of(Mode.EXISTS).forDossier(dossierCode); }

    /** Records of {@code dossierCode} (null = every record) get per-record error {@code code}. */
    public static PortalFault reject(String dossierCode, int code) {
        return new PortalFault(Mode.REJECT, UNTIL_CLEARED, 1.0, 0, 1, 503, code, dossierCode, null);
    }

    public PortalFault withTimes(int n) {
        return new PortalFault(mode, n, probability, delayMillis, retryAfterSeconds, httpStatus, recordErrorCode, dossierCode, service);
    }

    public PortalFault withProbability(double p) {
        return new PortalFault(mode, times, p, delayMillis, retryAfterSeconds, httpStatus, recordErrorCode, dossierCode, service);
    }

    public PortalFault forDossier(String code) {
        return new PortalFault(mode, times, probability, delayMillis, retryAfterSeconds, httpStatus, recordErrorCode, code, service);
    }

    public PortalFault forService(String name) {
        return new PortalFault(mode, times, probability, delayMillis, retryAfterSeconds, httpStatus, recordErrorCode, dossierCode, name);
    }
}
