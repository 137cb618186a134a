package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.audit.NationalDataUse;
import vn.lienthong.gateway.mapping.MappingLoader;
import vn.lienthong.gateway.mapping.Mappings;
import vn.lienthong.gateway.national.portal.PortalProtocol;

/**
 * DSKetNoiCSDL of the records of a delivery round, from the lookups made with each dossier's code as the
 * migrated tables hold them: only the lookups the national database answered with data count.
 */
class NationalDatabasesCompletionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String D1 = "000.00.12.H47-241124-0001";
    private static final String D2 = "000.00.12.H47-241124-0002";
    private JdbcTemplate jdbc;
    private NationalDataUse dataUse;

    @TempDir
    Path dir;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:completion-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        jdbc = new JdbcTemplate(ds);
        dataUse = new NationalDataUse(ds);
    }

    private void citizenLookup(String dossier, String outcome) {
        jdbc.update("INSERT INTO lookup_audit (accessed_at, client_id, officer_id, purpose, dossier_code, operation, subject_hash,"
                + " subject_masked, outcome, http_status) VALUES (?, 'one-stop', 'cb-01', 'IDENTITY_CHECK', ?, 'VERIFY', 'h',"
                + " '049******323', ?, 200)", Timestamp.from(Instant.now()), dossier, outcome);
    }

    private void enterpriseLookup(String dossier, String outcome) {
        jdbc.update("INSERT INTO enterprise_lookup (looked_up_at, client_id, dossier_code, enterprise_code, outcome)"
                + " VALUES (?, 'one-stop', ?, '4059083010', ?)", Timestamp.from(Instant.now()), dossier, outcome);
    }

    private String complete(Mappings m, String dossier) {
        ObjectNode record = JSON.createObjectNode().put("MaHoSo", dossier);
        record.putArray("DSKetNoiCSDL");
        DossierVocabulary vocab = DossierVocabulary.from(m);
        new NationalDatabasesCompletion(dataUse, () -> vocab, () -> PortalProtocol.from(m)).complete(List.of(record));
        return record.get("DSKetNoiCSDL").toString();
    }

    /** A verification answered match or no match, or a lookup that found the citizen, names the population database ("7"). */
    @Test
    void shouldNamePopulationDatabaseWhenItAnsweredForDossier() {
        Mappings shipped = MappingLoader.load("file:mappings/");
        citizenLookup(D1, "NO_MATCH");
        assertThat(complete(shipped, D1)).isEqualTo("[{\"MaCSDL\":\"7\"}]");
        assertThat(complete(shipped, D2)).isEqualTo("[]");
    }

    /** A lookup that failed, was refused or found nobody used no national data. */
    @Test
    void shouldNameNothingWhenLookupsFailedOrFoundNobody() {
        for (String outcome : List.of("NOT_FOUND", "INVALID", "UNAVAILABLE", "TIMEOUT")) {
            citizenLookup(D1, outcome);
            enterpriseLookup(D1, outcome);
        }
        assertThat(complete(MappingLoader.load("file:mappings/"), D1)).isEqualTo("[]");
    }

    /**
     * The business registry is named once a province enters its portal code in national-databases.yaml; until
     * then its lookups are recorded and not sent.
     */
    @Test
    void shouldNameRegistryWhenTableGivesItACode() throws IOException {
        citizenLookup(D1, "FOUND");
        enterpriseLookup(D1, "FOUND");
        assertThat(complete(MappingLoader.load("file:mappings/"), D1)).isEqualTo("[{\"MaCSDL\":\"7\"}]");
        try (Stream<Path> files = Files.list(Paths.get("mappings"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path table = dir.resolve("national-databases.yaml");
        Files.writeString(table, Files.readString(table).replace("  - system: BUSINESS_REGISTRY\n",
                "  - system: BUSINESS_REGISTRY\n    portalCode: \"3\"\n"));
        assertThat(complete(MappingLoader.load("file:" + dir + "/"), D1)).isEqualTo("[{\"MaCSDL\":\"7\"},{\"MaCSDL\":\"3\"}]");
    }
}
