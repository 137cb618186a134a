package vn.lienthong.gateway.sandbox;

import java.util.Objects;

/**
 * A misbehaviour rule of {@link CivilStatusSimulator}, in the words of the other simulators' faults: the connection
 * dropped (DOWN), a slow answer (SLOW, e.g. a slow detail), an HTTP error (HTTP_ERROR, e.g. 503), every token
 * expired (SESSION_EXPIRED: the next call is answered 401), or a detail whose declaration is not well-formed XML
 * (MALFORMED).
 *
 * @param times       how many times the rule may still fire; -1 = until cleared
 * @param service     only calls of this operation match (token, list, detail, ack, status); null = any
 * @param dossierCode only calls about this dossier (maHoSo) match; null = any
 */
public record CivilStatusFault(Mode mode, int times, String service, String dossierCode, long delayMillis, int httpStatus) {

    public enum Mode { DOWN, SLOW, HTTP_ERROR, SESSION_EXPIRED, MALFORMED }

    public CivilStatusFault {
        Objects.requireNonNull(mode, "mode");
        if (times < -1) throw new IllegalArgumentException("times must be >= -1: " + times);
        if (delayMillis < 0 || delayMillis > Integer.MAX_VALUE) throw new IllegalArgumentException("delayMillis out of range");
    }

    public static CivilStatusFault of(Mode mode, int times, String service) {
        return new CivilStatusFault(mode, times, service, null, 3000, 503);
    }

    public CivilStatusFault forDossier(String code) {
        return new CivilStatusFault(mode, times, service, code, delayMillis, httpStatus);
    }
}
