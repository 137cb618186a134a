package vn.lienthong.gateway.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalogue tables (Flyway V10). A procedure's row and its detail rows are written in one transaction;
 * nothing is ever deleted but the detail rows a new LayThuTuc answer replaces.
 */
class CatalogueStore {
    /** What the copy holds of a procedure, for the refresh's comparison. */
    record Stored(String code, String hash, boolean withdrawn, boolean published, OffsetDateTime withdrawnAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate snapshot;

    CatalogueStore(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        this.tx = new TransactionTemplate(manager);
        this.snapshot = new TransactionTemplate(manager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    Map<String, Stored> states() {
        Map<String, Stored> out = new HashMap<>();
        jdbc.query("SELECT code, content_hash, withdrawn, publication, withdrawn_at FROM catalogue_procedure", rs -> {
            String publication = rs.getString("publication");
            Integer state = Lenient.integer(publication);
            out.put(rs.getString("code"), new Stored(rs.getString("code"), rs.getString("content_hash"), rs.getBoolean("withdrawn"),
                    publication == null || (state != null && state == 1), rs.getObject("withdrawn_at", OffsetDateTime.class)));
        });
        return out;
    }

    /** A LayThuTuc answer replaces the procedure's row and detail rows, together ({@code before}: the copy had it). */
    void saveDetail(ProcedureParser.Parsed parsed, Stored before, String withdrawnReason, Instant now) {
        CatalogueProcedure p = parsed.procedure();
        OffsetDateTime at = utc(now);
        boolean withdrawn = withdrawnReason != null;
        MapSqlParameterSource row = new MapSqlParameterSource("code", p.code()).addValue("name", p.name())
                .addValue("domainCode", p.domainCode()).addValue("domainName", p.domainName())
                .addValue("publication", parsed.publication()).addValue("withdrawn", withdrawn)
                .addValue("reason", withdrawnReason)
                .addValue("withdrawnAt", !withdrawn ? null : before != null && before.withdrawn() ? before.withdrawnAt() : at)
                .addValue("hash", parsed.hash()).addValue("raw", parsed.raw()).addValue("now", at);
        tx.executeWithoutResult(s -> {
            if (before == null) {
                jdbc.update("INSERT INTO catalogue_procedure (code, name, domain_code, domain_name, publication, withdrawn,"
                        + " withdrawn_reason, withdrawn_at, content_hash, raw_json, first_seen_at, changed_at, fetched_at) VALUES"
                        + " (:code, :name, :domainCode, :domainName, :publication, :withdrawn, :reason, :withdrawnAt, :hash, :raw,"
                        + " :now, :now, :now)", row);
            } else {
                jdbc.update("UPDATE catalogue_procedure SET name = :name, domain_code = :domainCode,"
                        + " domain_name = :domainName, publication = :publication, withdrawn = :withdrawn, withdrawn_reason = :reason,"
                        + " withdrawn_at = :withdrawnAt, content_hash = :hash, raw_json = :raw, changed_at = :now, fetched_at = :now"
                        + " WHERE code = :code", row);
                MapSqlParameterSource code = new MapSqlParameterSource("code", p.code());
                for (String table : List.of("catalogue_component", "catalogue_result", "catalogue_processing", "catalogue_fee")) {
                    jdbc.update("DELETE FROM " + table + " WHERE procedure_code = :code", code);
                }
            }
            insertDetails(p);
        });
    }

    private void insertDetails(CatalogueProcedure p) {
        List<MapSqlParameterSource> components = new ArrayList<>();
        for (CatalogueProcedure.Component c : p.components()) {
            components.add(new MapSqlParameterSource("code", p.code()).addValue("seq", components.size())
                    .addValue("caseName", c.caseName()).addValue("item", c.code()).addValue("name", c.name())
                    .addValue("replacing", c.replacingResult()).addValue("originals", c.originals()).addValue("copies", c.copies())
                    .addValue("formName", c.formName()).addValue("formUrl", c.formUrl()));
        }
        batch("INSERT INTO catalogue_component (procedure_code, seq, case_name, code, name, replacing_result, originals, copies,"
                + " form_name, form_url) VALUES (:code, :seq, :caseName, :item, :name, :replacing, :originals, :copies, :formName,"
                + " :formUrl)", components);
        List<MapSqlParameterSource> results = new ArrayList<>();
        for (CatalogueProcedure.Result r : p.results()) {
            results.add(new MapSqlParameterSource("code", p.code()).addValue("seq", results.size()).addValue("item", r.code())
                    .addValue("name", r.name()).addValue("fileName", r.fileName()).addValue("url", r.url()));
        }
        batch("INSERT INTO catalogue_result (procedure_code, seq, code, name, file_name, url)"
                + " VALUES (:code, :seq, :item, :name, :fileName, :url)", results);
        List<MapSqlParameterSource> times = new ArrayList<>();
        List<MapSqlParameterSource> fees = new ArrayList<>();
        for (CatalogueProcedure.Processing t : p.processing()) {
            int seq = times.size();
            times.add(new MapSqlParameterSource("code", p.code()).addValue("seq", seq).addValue("channel", t.channel())
                    .addValue("duration", t.duration()).addValue("unit", t.unit()).addValue("description", t.description()));
            for (CatalogueProcedure.Fee f : t.fees()) {
                fees.add(new MapSqlParameterSource("code", p.code()).addValue("seq", fees.size()).addValue("time", seq)
                        .addValue("item", f.code()).addValue("amount", f.amount()).addValue("unit", f.unit())
                        .addValue("description", f.description()));
            }
        }
        batch("INSERT INTO catalogue_processing (procedure_code, seq, channel, duration, unit, description)"
                + " VALUES (:code, :seq, :channel, :duration, :unit, :description)", times);
        batch("INSERT INTO catalogue_fee (procedure_code, seq, processing_seq, code, amount, unit, description)"
                + " VALUES (:code, :seq, :time, :item, :amount, :unit, :description)", fees);
    }

    private void batch(String sql, List<MapSqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows.toArray(MapSqlParameterSource[]::new));
        }
    }

    /** A procedure first seen in the list whose LayThuTuc answer could not be used: known by its listed name only. */
    void addListed(CatalogueLists.Listed listed, Instant now) {
        jdbc.update("INSERT INTO catalogue_procedure (code, name, withdrawn, first_seen_at, changed_at)"
                + " VALUES (:code, :name, FALSE, :now, :now)", new MapSqlParameterSource("code", listed.code())
                .addValue("name", listed.name()).addValue("now", utc(now)));
    }

    /** Marks it withdrawn (or published again, with a null reason); its content stays. */
    void setWithdrawn(String code, String reason, Instant now) {
        jdbc.update("UPDATE catalogue_procedure SET withdrawn = :withdrawn, withdrawn_reason = :reason, withdrawn_at = :at,"
                + " changed_at = :now WHERE code = :code", new MapSqlParameterSource("code", code)
                .addValue("withdrawn", reason != null).addValue("reason", reason)
                .addValue("at", reason != null ? utc(now) : null).addValue("now", utc(now)));
    }

    /** Upserts a dictionary (domains or agencies) by code and marks codes the answer lacks as no longer listed. */
    int[] saveDictionary(String table, Collection<Map<String, Object>> entries, List<String> columns, Instant now) {
        int[] addedChanged = {0, 0};
        tx.executeWithoutResult(s -> {
            Map<String, Map<String, Object>> before = new HashMap<>();
            jdbc.query("SELECT * FROM " + table, rs -> {
                Map<String, Object> row = new HashMap<>();
                for (String c : columns) {
                    row.put(c, rs.getObject(c));
                }
                row.put("listed", rs.getBoolean("listed"));
                before.put(rs.getString("code"), row);
            });
            String set = String.join(", ", columns.stream().filter(c -> !c.equals("code")).map(c -> c + " = :" + c).toList());
            for (Map<String, Object> e : entries) {
                MapSqlParameterSource p = new MapSqlParameterSource(e).addValue("now", utc(now));
                Map<String, Object> old = before.get((String) e.get("code"));
                if (old == null) {
                    jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ", listed, changed_at) VALUES (:"
                            + String.join(", :", columns) + ", TRUE, :now)", p);
                    addedChanged[0]++;
                } else if (!sameValues(old, e, columns) || !Boolean.TRUE.equals(old.get("listed"))) {
                    jdbc.update("UPDATE " + table + " SET " + set + ", listed = TRUE, changed_at = :now WHERE code = :code", p);
                    addedChanged[1]++;
                }
            }
            List<String> gone = before.entrySet().stream().filter(b -> Boolean.TRUE.equals(b.getValue().get("listed"))
                    && entries.stream().noneMatch(e -> b.getKey().equals(e.get("code")))).map(Map.Entry::getKey).toList();
            if (!gone.isEmpty()) {
                jdbc.update("UPDATE " + table + " SET listed = FALSE, changed_at = :now WHERE code IN (:codes)",
                        new MapSqlParameterSource("codes", gone).addValue("now", utc(now)));
            }
        });
        return addedChanged;
    }

    private static boolean sameValues(Map<String, Object> old, Map<String, Object> e, List<String> columns) {
        for (String c : columns) {
            Object a = old.get(c);
            Object b = e.get(c);
            if (a instanceof Number n && b instanceof Number m ? n.longValue() != m.longValue() : !java.util.Objects.equals(a, b)) {
                return false;
            }
        }
        return true;
    }

    long begin(String triggeredBy, String instance, Instant now) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update("INSERT INTO catalogue_refresh (triggered_by, instance, started_at) VALUES (:by, :instance, :at)",
                new MapSqlParameterSource("by", triggeredBy).addValue("instance", Lenient.cut(instance, 200))
                        .addValue("at", utc(now)), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    void finish(RefreshReport r, Instant now) {
        jdbc.update("UPDATE catalogue_refresh SET finished_at = :at, outcome = :outcome, listed = :listed, added = :added,"
                + " changed = :changed, withdrawn = :withdrawn, unchanged = :unchanged, failed = :failed, calls = :calls,"
                + " report = :report, error = :error WHERE id = :id", new MapSqlParameterSource("id", r.id())
                .addValue("at", utc(now)).addValue("outcome", r.outcome().name()).addValue("listed", r.listed())
                .addValue("added", r.added().size()).addValue("changed", r.changed().size())
                .addValue("withdrawn", r.withdrawn().size()).addValue("unchanged", r.unchanged())
                .addValue("failed", r.failed().size()).addValue("calls", r.calls())
                .addValue("report", Lenient.cut(r.detailJson(), 262144)).addValue("error", Lenient.cut(r.error(), 1000)));
    }

    /** The latest refresh, or the latest that got the list ({@code good}). */
    Optional<RefreshRecord> last(boolean good) {
        List<RefreshRecord> rows = jdbc.query("SELECT * FROM catalogue_refresh"
                + (good ? " WHERE outcome IN ('OK', 'PARTIAL')" : "") + " ORDER BY id DESC LIMIT 1", Map.of(), CatalogueStore::record);
        return rows.stream().findFirst();
    }

    private static RefreshRecord record(ResultSet rs, int i) throws SQLException {
        return new RefreshRecord(rs.getLong("id"), rs.getString("triggered_by"), rs.getString("instance"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("outcome"), rs.getInt("listed"),
                rs.getInt("added"), rs.getInt("changed"), rs.getInt("withdrawn"), rs.getInt("unchanged"), rs.getInt("failed"),
                rs.getInt("calls"), rs.getString("report"), rs.getString("error"));
    }

    /** The raw LayThuTuc answer last stored for a code. */
    Optional<String> raw(String code) {
        return jdbc.query("SELECT raw_json FROM catalogue_procedure WHERE code = :code", Map.of("code", code),
                (rs, i) -> rs.getString(1)).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Every procedure with its details, read in one snapshot (a refresh may be writing meanwhile). */
    List<CatalogueProcedure> loadAll() {
        return snapshot.execute(s -> {
            Map<String, List<CatalogueProcedure.Component>> components = new HashMap<>();
            jdbc.query("SELECT * FROM catalogue_component ORDER BY procedure_code, seq", rs -> {
                components.computeIfAbsent(rs.getString("procedure_code"), k -> new ArrayList<>()).add(
                        new CatalogueProcedure.Component(rs.getString("case_name"), rs.getString("code"), rs.getString("name"),
                                rs.getString("replacing_result"), integer(rs, "originals"), integer(rs, "copies"),
                                rs.getString("form_name"), rs.getString("form_url")));
            });
            Map<String, List<CatalogueProcedure.Result>> results = new HashMap<>();
            jdbc.query("SELECT * FROM catalogue_result ORDER BY procedure_code, seq", rs -> {
                results.computeIfAbsent(rs.getString("procedure_code"), k -> new ArrayList<>()).add(new CatalogueProcedure.Result(
                        rs.getString("code"), rs.getString("name"), rs.getString("file_name"), rs.getString("url")));
            });
            Map<String, List<CatalogueProcedure.Fee>> fees = new HashMap<>();
            jdbc.query("SELECT * FROM catalogue_fee ORDER BY procedure_code, seq", rs -> {
                fees.computeIfAbsent(rs.getString("procedure_code") + "#" + rs.getInt("processing_seq"), k -> new ArrayList<>())
                        .add(new CatalogueProcedure.Fee(rs.getString("code"), rs.getBigDecimal("amount"), rs.getString("unit"),
                                rs.getString("description")));
            });
            Map<String, List<CatalogueProcedure.Processing>> times = new HashMap<>();
            jdbc.query("SELECT * FROM catalogue_processing ORDER BY procedure_code, seq", rs -> {
                String code = rs.getString("procedure_code");
                times.computeIfAbsent(code, k -> new ArrayList<>()).add(new CatalogueProcedure.Processing(integer(rs, "channel"),
                        rs.getBigDecimal("duration"), rs.getString("unit"), rs.getString("description"),
                        fees.getOrDefault(code + "#" + rs.getInt("seq"), List.of())));
            });
            return jdbc.query("SELECT code, name, domain_code, domain_name, withdrawn, withdrawn_reason, content_hash"
                    + " FROM catalogue_procedure", (rs, i) -> {
                        String code = rs.getString("code");
                        return new CatalogueProcedure(code, rs.getString("name"), rs.getString("domain_code"),
                                rs.getString("domain_name"), rs.getBoolean("withdrawn"), rs.getString("withdrawn_reason"),
                                rs.getString("content_hash") != null, components.getOrDefault(code, List.of()),
                                results.getOrDefault(code, List.of()), times.getOrDefault(code, List.of()));
                    });
        });
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
