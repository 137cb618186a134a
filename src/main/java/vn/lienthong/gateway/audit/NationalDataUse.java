package vn.lienthong.gateway.audit;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which national databases the gateway queried for a dossier: its successful lookups made with the dossier's
 * code (header X-Dossier-Code). Citizen lookups and verifications come from lookup_audit, enterprise lookups
 * from enterprise_lookup. A lookup that failed, found nobody or was refused used no national data and does
 * not count; a verification the database answered "no match" did check the applicant against it and counts.
 *
 * <p>One constant, indexed query per dossier (the dossier code leads both tables' indexes), so every instance
 * on one database sees every instance's lookups. Those rows are only ever added, so a database a dossier used
 * stays used: once every database that is reported has been seen for a dossier, this instance answers from
 * memory; a dossier that has not used them all yet is asked again each time.
 */
public class NationalDataUse {
    public static final String POPULATION = "POPULATION";
    public static final String BUSINESS_REGISTRY = "BUSINESS_REGISTRY";
    public static final Set<String> SYSTEMS = Set.of(POPULATION, BUSINESS_REGISTRY);
    /** lookup_audit outcomes answered from the population database's data; enterprise_lookup's FOUND, from the registry or its cache. */
    private static final List<String> POPULATION_ANSWERED = List.of("FOUND", "MATCH", "NO_MATCH");

    private static final String SQL = "SELECT '" + POPULATION + "' FROM lookup_audit WHERE dossier_code = ?"
            + " AND outcome IN ('" + String.join("', '", POPULATION_ANSWERED) + "')"
            + " UNION SELECT '" + BUSINESS_REGISTRY + "' FROM enterprise_lookup WHERE dossier_code = ? AND outcome = 'FOUND'";

    private final JdbcTemplate jdbc;
    private final Cache<String, Set<String>> known = Caffeine.newBuilder().maximumSize(100_000).build();

    public NationalDataUse(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** For each of the dossiers, the national databases it used, as far as {@code reported} ones go. */
    public Map<String, Set<String>> databasesUsed(Collection<String> dossiers, Set<String> reported) {
        Map<String, Set<String>> used = new HashMap<>();
        for (String dossier : dossiers) {
            Set<String> systems = known.getIfPresent(dossier);
            if (systems == null || !systems.containsAll(reported)) {
                systems = Collections.unmodifiableSet(new TreeSet<>(jdbc.queryForList(SQL, String.class, dossier, dossier)));
                if (!systems.isEmpty()) {
                    known.put(dossier, systems);
                }
            }
            used.put(dossier, systems);
        }
        return used;
    }
}
