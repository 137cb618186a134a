package vn.lienthong.gateway.audit;

import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.ops.CorrelationIdFilter;

/**
 * Enterprise lookups made for a dossier (header X-Dossier-Code), one row each in enterprise_lookup, so the
 * dossier's portal record can say the business registry was used (NationalDataUse). Registration data is
 * public: the row is committed before the answer but, unlike a citizen's audit row, not forced to disk.
 */
public class EnterpriseLookupLog {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public EnterpriseLookupLog(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** {@code outcome}: FOUND (from the registry or its cache), NOT_FOUND, or the failure's kind. */
    public void record(String clientId, String dossierCode, String enterpriseCode, String outcome) {
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        jdbc.update("INSERT INTO enterprise_lookup (looked_up_at, client_id, dossier_code, enterprise_code, outcome, correlation_id)"
                        + " VALUES (?,?,?,?,?,?)", Timestamp.from(clock.instant()), clientId, dossierCode, enterpriseCode, outcome,
                correlationId == null || correlationId.length() <= 64 ? correlationId : correlationId.substring(0, 64));
    }
}
