package vn.lienthong.gateway.civilstatus;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The rows of civil_status_file: what each stored file is, and to which dossier it belongs once attached. */
public class FileCatalog {
    private static final RowMapper<StoredFile> ROW = (rs, n) -> new StoredFile(rs.getString("id"), rs.getInt("seq_no"),
            rs.getString("kind"), rs.getString("name"), rs.getString("title"), rs.getString("media_type"),
            rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("storage"));
    private static final String COLUMNS = "id, seq_no, kind, name, title, media_type, size_bytes, sha256, storage";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public FileCatalog(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** Records a file as stored and not yet attached. */
    void insert(StoredFile f) {
        jdbc.update("INSERT INTO civil_status_file (" + COLUMNS + ", created_at) VALUES (:id, :seq, :kind, :name, :title,"
                        + " :type, :size, :sha, :storage, :now)",
                new MapSqlParameterSource("id", f.id()).addValue("seq", f.seqNo()).addValue("kind", f.kind())
                        .addValue("name", f.name()).addValue("title", f.title()).addValue("type", f.mediaType())
                        .addValue("size", f.size()).addValue("sha", f.sha256()).addValue("storage", f.storage())
                        .addValue("now", now()));
    }

    /** Attaches files to their dossier; run in the dossier's transaction. */
    void attach(String portalCode, List<StoredFile> files) {
        if (!files.isEmpty()) {
            jdbc.update("UPDATE civil_status_file SET portal_code = :code WHERE id IN (:ids) AND portal_code IS NULL",
                    new MapSqlParameterSource("code", portalCode).addValue("ids", files.stream().map(StoredFile::id).toList()));
        }
    }

    public Optional<StoredFile> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM civil_status_file WHERE id = :id", Map.of("id", id), ROW).stream().findFirst();
    }

    /** The dossier a file belongs to; empty while it is unattached. */
    public Optional<String> dossierOf(String id) {
        return jdbc.queryForList("SELECT portal_code FROM civil_status_file WHERE id = :id AND portal_code IS NOT NULL",
                Map.of("id", id), String.class).stream().findFirst();
    }

    public List<StoredFile> ofDossier(String portalCode) {
        return jdbc.query("SELECT " + COLUMNS + " FROM civil_status_file WHERE portal_code = :code ORDER BY seq_no",
                Map.of("code", portalCode), ROW);
    }

    /** Files of a storage left unattached for longer than the orphan age. */
    List<String> orphans(String storage, java.time.Duration age) {
        return jdbc.queryForList("SELECT id FROM civil_status_file WHERE portal_code IS NULL AND storage = :s AND created_at < :before",
                new MapSqlParameterSource("s", storage).addValue("before", now().minus(age)), String.class);
    }

    boolean exists(String id) {
        return !jdbc.queryForList("SELECT id FROM civil_status_file WHERE id = :id", Map.of("id", id), String.class).isEmpty();
    }

    void deleteRows(List<String> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("DELETE FROM civil_status_file WHERE id IN (:ids) AND portal_code IS NULL", Map.of("ids", ids));
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
