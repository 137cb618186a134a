package vn.lienthong.gateway.audit;

import java.time.Instant;

/**
 * One access to a citizen's data. The subject is kept only as a keyed hash and the masked ID.
 *
 * @param operation LOOKUP or VERIFY
 * @param outcome   what the client was answered (FOUND, MATCH, NO_MATCH, NOT_FOUND, INVALID, UNAVAILABLE…)
 * @param correlationId the request's X-Correlation-Id, as in the log lines of the same request
 */
public record AuditEntry(Instant at, String clientId, String officerId, String purpose, String dossierCode,
                         String operation, String subjectHash, String subjectMasked, String outcome, int httpStatus,
                         String correlationId) {
}
