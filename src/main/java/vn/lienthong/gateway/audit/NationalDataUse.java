package vn.lienthong.gateway.audit;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which national databases the gateway queried for a dossier: its successful lookups made with the dossier's
 * code (header X-Dossier-Code). Citizen lookups and verifications come from lookup_audit, enterprise lookups
 * from enterprise_lookup. A lookup that failed, found nobody or was refused used no national data and does
 * not count; a verification the database answered "no match" did check the applicant against it and counts.
 * One indexed query per call (the dossier code leads both tables' indexes), read from the database every
 * time, so every instance on one database sees every instance's lookups.
 */
public class NationalDataUse {
    public static final String POPULATION = "POPULATION";
    public static final String BUSINESS_REGISTRY = "BUSINESS_REGISTRY";
    public static final Set<String> SYSTEMS = Set.of(POPULATION, BUSINESS_REGISTRY);
    /** Outcomes of lookup_audit answered from the population database's data. */
    static final List<String> POPULATION_ANSWERED = List.of("FOUND", "MATCH", "NO_MATCH");
    /** Outcome of enterprise_lookup answered from the business registry's data (directly or from the cache). */
    static final String ENTERPRISE_FOUND = "FOUND";

    private static final String SQL = "SELECT DISTINCT dossier_code, '" + POPULATION + "' FROM lookup_audit"
            + " WHERE dossier_code IN (:dossiers) AND outcome IN (:answered)"
            + " UNION SELECT DISTINCT dossier_code, '" + BUSINESS_REGISTRY + "' FROM enterprise_lookup"
            + " WHERE dossier_code IN (:dossiers) AND outcome = :found";

    private final NamedParameterJdbcTemplate jdbc;

    public NationalDataUse(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** For each of the dossiers that used any, the national databases it used. */
    public Map<String, Set<String>> databasesUsed(Collection<String> dossiers) {
        Map<String, Set<String>> used = new HashMap<>();
        if (dossiers.isEmpty()) {
            return used;
        }
        MapSqlParameterSource params = new MapSqlParameterSource("dossiers", dossiers)
                .addValue("answered", POPULATION_ANSWERED).addValue("found", ENTERPRISE_FOUND);
        jdbc.query(SQL, params, rs -> {
            used.computeIfAbsent(rs.getString(1), d -> new TreeSet<>()).add(rs.getString(2));
        });
        return used;
    }
}
