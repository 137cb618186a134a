package vn.lienthong.gateway.civilstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import vn.lienthong.gateway.mapping.MappingLoader;
import vn.lienthong.gateway.sandbox.CivilStatusSamples;

/** The streamed reading of a detail (JSON text inside JSON, files in Base64) into the database file store. */
class DetailReaderTest {
    private DriverManagerDataSource ds;
    private JdbcTemplate jdbc;
    private DatabaseFileStore store;
    private DetailReader reader;

    @BeforeEach
    void database() throws Exception {
        ds = new DriverManagerDataSource("jdbc:h2:mem:detail-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        jdbc = new JdbcTemplate(ds);
        jdbc.execute(Files.readString(Path.of("src/main/resources/db/migration/common/V13__civil_status.sql")));
        store = new DatabaseFileStore(ds, new FileCatalog(ds, Clock.systemUTC()));
        CivilStatusProperties.Files limits = new CivilStatusProperties.Files();
        limits.setMaxFileSize(DataSize.ofMegabytes(2));
        reader = new DetailReader(CivilStatusVocabulary.from(MappingLoader.load("file:mappings/")), store, limits);
    }

    private static byte[] detail(CivilStatusSamples.Dossier d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CivilStatusSamples.writeDetail(d, d.declaration(), out);
        return out.toByteArray();
    }

    /** Every file comes out whole (size and SHA-256), stored in 256 KB chunks, with the declaration and the fields. */
    @Test
    void shouldStoreEveryFileWholeWhenDetailValid() throws Exception {
        CivilStatusSamples.Dossier d = CivilStatusSamples.sized(1, 2, 1_500_000);
        DetailReader.Detail got = reader.read(new ByteArrayInputStream(detail(d)));
        assertThat(got.fields()).containsEntry("maHoSo", d.code()).containsEntry("module", d.module());
        assertThat(got.declaration()).startsWith("<hoTich>");
        assertThat(got.files()).extracting(StoredFile::sha256).containsExactly(d.attachments().get(0).sha256(), d.attachments().get(1).sha256());
        for (StoredFile f : got.files()) {
            try (InputStream in = store.open(f.id())) {
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()))).isEqualTo(f.sha256());
            }
        }
        assertThat(jdbc.queryForObject("SELECT MAX(OCTET_LENGTH(data)) FROM civil_status_file_chunk", Integer.class)).isEqualTo(256 * 1024);
    }

    /** Files of many sizes come out byte for byte, whatever falls on the readers' buffer boundaries. */
    @Test
    void shouldKeepEveryByteWhenSizesVary() throws Exception {
        for (int n = 5001; n <= 5200; n++) {
            CivilStatusSamples.Dossier d = CivilStatusSamples.sized(5000 + n - 5000, 1 + n % 2, 20_000 + 97 * (n - 5000));
            DetailReader.Detail got = reader.read(new ByteArrayInputStream(detail(d)));
            for (int i = 0; i < got.files().size(); i++) {
                assertThat(got.files().get(i).sha256()).as("file %d of dossier %d", i, n).isEqualTo(d.attachments().get(i).sha256());
            }
        }
    }

    /** Malformed JSON-in-JSON, garbage Base64, a bad escape, trailing content or a file over the limit: refused, nothing left stored. */
    @Test
    void shouldRefuseAndKeepNothingWhenDetailBroken() {
        CivilStatusSamples.Dossier d = CivilStatusSamples.sized(2, 2, 200_000);
        String ok = new String(detail(d), StandardCharsets.UTF_8);
        String base64 = ok.substring(ok.indexOf("duLieuTepDinhKem") + 21, ok.indexOf("duLieuTepDinhKem") + 60);
        List<String> broken = List.of(
                ok.replace("\\\"fileDinhKem\\\"", "\\\"fileDinhKem\\\":"),            // inner JSON malformed
                ok.replace(base64, base64.substring(0, 10) + "!#$%" + base64.substring(14)), // garbage Base64 in the second half
                ok.replace("\\\"maTTHC\\\"", "\\q\\\"maTTHC\\\""),                      // a bad escape in the JSON string
                ok + "{}",                                                              // a second document
                ok.substring(0, ok.length() - 2));                                      // cut short
        for (String b : broken) {
            assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(b.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(RefusedDossierException.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM civil_status_file", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM civil_status_file_chunk", Integer.class)).isZero();
        }
        CivilStatusSamples.Dossier big = CivilStatusSamples.sized(3, 1, 3_000_000);
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(detail(big))))
                .isInstanceOf(RefusedDossierException.class).hasMessageContaining("attachment 1 is larger than");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM civil_status_file_chunk", Integer.class)).isZero();
    }
}
