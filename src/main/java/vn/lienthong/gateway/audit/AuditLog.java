package vn.lienthong.gateway.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.identifiers.Identifiers;
import vn.lienthong.gateway.storage.Durability;

/**
 * The append-only log of every processing of a citizen's data (table lookup_audit): this class only
 * inserts and reads. A write that fails throws, and the lookup that caused it is not answered.
 */
public class AuditLog {
    private final JdbcTemplate jdbc;
    private final SubjectHasher hasher;
    private final Clock clock;
    private final Durability durability;

    public AuditLog(DataSource dataSource, SubjectHasher hasher, Clock clock, Durability durability) {
        this.durability = durability;
        this.jdbc = new JdbcTemplate(dataSource);
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Writes one row, durably; throws when the database cannot take it. */
    public AuditEntry record(String clientId, String officerId, String purpose, String dossierCode, String operation,
                             String personalId, String outcome, int httpStatus) {
        AuditEntry e = new AuditEntry(clock.instant(), clientId, cut(officerId, 100), cut(purpose, 64), cut(dossierCode, 64),
                operation, hasher.hash(personalId == null ? "" : personalId), masked(personalId), outcome, httpStatus,
                cut(org.slf4j.MDC.get(vn.lienthong.gateway.ops.CorrelationIdFilter.MDC_KEY), 64));
        jdbc.update("INSERT INTO lookup_audit (accessed_at, client_id, officer_id, purpose, dossier_code, operation, "
                        + "subject_hash, subject_masked, outcome, http_status, correlation_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                Timestamp.from(e.at()), e.clientId(), e.officerId(), e.purpose(), e.dossierCode(), e.operation(),
                e.subjectHash(), e.subjectMasked(), e.outcome(), e.httpStatus(), e.correlationId());
        durability.await(); // the row survives a crash before the answer goes out
        return e;
    }

    /** Who accessed this person's data, newest first. */
    public List<AuditEntry> accessesTo(String personalId, int maxRows) {
        return jdbc.query("SELECT accessed_at, client_id, officer_id, purpose, dossier_code, operation, subject_hash, "
                        + "subject_masked, outcome, http_status, correlation_id FROM lookup_audit WHERE subject_hash = ? "
                        + "ORDER BY accessed_at DESC, id DESC LIMIT ?",
                (rs, i) -> new AuditEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getInt(10), rs.getString(11)),
                hasher.hash(personalId), maxRows);
    }

    /** A personal ID masked; anything else a client put in its place (of any length) is not an ID. */
    private static String masked(String personalId) {
        return personalId != null && personalId.matches("\\d{12}") ? Identifiers.mask(personalId) : "(not an ID)";
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

}
