package vn.lienthong.gateway.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which national databases the gateway queried for a dossier: its successful lookups made with the dossier's
 * code (header X-Dossier-Code). Citizen lookups and verifications come from lookup_audit, enterprise lookups
 * from enterprise_lookup. A lookup that failed, found nobody or was refused used no national data and does
 * not count; a verification the database answered "no match" did check the applicant against it and counts.
 *
 * <p>One indexed query for a set of dossiers (the dossier code leads both tables' indexes), so every instance
 * on one database sees every instance's lookups. Those rows are only ever added, so a database a dossier used
 * stays used: once every database that is reported has been seen for a dossier, this instance answers from
 * memory; a dossier that has not used them all yet is asked about again each time.
 */
public class NationalDataUse {
    public static final String POPULATION = "POPULATION";
    public static final String BUSINESS_REGISTRY = "BUSINESS_REGISTRY";
    public static final Set<String> SYSTEMS = Set.of(POPULATION, BUSINESS_REGISTRY);
    /** lookup_audit outcomes answered from the population database's data. */
    private static final List<String> POPULATION_ANSWERED = List.of("FOUND", "MATCH", "NO_MATCH");
    /** enterprise_lookup's outcome answered from the registry's data (directly or from the gateway's cache). */
    private static final String ENTERPRISE_FOUND = "FOUND";

    private static final String SQL = "SELECT DISTINCT dossier_code, '" + POPULATION + "' FROM lookup_audit"
            + " WHERE dossier_code IN (:dossiers) AND outcome IN (:answered)"
            + " UNION SELECT DISTINCT dossier_code, '" + BUSINESS_REGISTRY + "' FROM enterprise_lookup"
            + " WHERE dossier_code IN (:dossiers) AND outcome = :found";

    private final NamedParameterJdbcTemplate jdbc;
    private final Cache<String, Set<String>> known = Caffeine.newBuilder().maximumSize(100_000).build();

    public NationalDataUse(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** For each of the dossiers that used any, the national databases it used, as far as {@code reported} ones go. */
    public Map<String, Set<String>> databasesUsed(Collection<String> dossiers, Set<String> reported) {
        Map<String, Set<String>> used = new HashMap<>();
        List<String> ask = new ArrayList<>();
        for (String dossier : new TreeSet<>(dossiers)) {
            Set<String> systems = known.getIfPresent(dossier);
            if (systems != null && systems.containsAll(reported)) {
                used.put(dossier, systems);
            } else {
                ask.add(dossier);
            }
        }
        if (!ask.isEmpty()) {
            MapSqlParameterSource params = new MapSqlParameterSource("dossiers", ask)
                    .addValue("answered", POPULATION_ANSWERED).addValue("found", ENTERPRISE_FOUND);
            Map<String, Set<String>> found = new HashMap<>();
            jdbc.query(SQL, params, rs -> {
                found.computeIfAbsent(rs.getString(1), d -> new TreeSet<>()).add(rs.getString(2));
            });
            found.forEach((dossier, systems) -> known.put(dossier, Set.copyOf(systems)));
            used.putAll(found);
        }
        return used;
    }
}
