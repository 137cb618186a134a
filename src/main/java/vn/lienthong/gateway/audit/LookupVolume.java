package vn.lienthong.gateway.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Citizen lookups and verifications per API client over a recent period, counted in the audit log (so across all
 * instances): the measure of the alarm that catches a key harvesting the province's records.
 */
public class LookupVolume {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public LookupVolume(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** Client id to the number of its audited accesses within the last {@code period}. */
    public Map<String, Long> byClient(Duration period) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.query("SELECT client_id, COUNT(*) FROM lookup_audit WHERE accessed_at >= ? GROUP BY client_id",
                rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                }, Timestamp.from(clock.instant().minus(period)));
        return out;
    }
}
