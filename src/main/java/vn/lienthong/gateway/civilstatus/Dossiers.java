package vn.lienthong.gateway.civilstatus;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.delivery.AcceptOutcome;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.storage.Durability;

/**
 * The dossiers taken in (civil_status_dossier). A dossier is stored in one transaction with its files attached and
 * its one-stop event in the outbox, and the commit is on disk before anyone is told: it is there whole or not at all.
 */
public class Dossiers {
    /** A stored dossier as the status reports need it. */
    public record Held(String portalCode, String source, String module, String procedureCode, String agencyCode,
                       OffsetDateTime acknowledgedAt) {
    }

    /** A dossier to store: its row's values. */
    record NewDossier(String portalCode, String source, String module, String procedureCode, String unitCode,
                      String agencyCode, String serviceId, String receivedAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final DeliveryStore store;
    private final FileCatalog catalog;
    private final Durability durability;
    private final Clock clock;

    public Dossiers(DataSource dataSource, PlatformTransactionManager txManager, DeliveryStore store, FileCatalog catalog,
                    Durability durability, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(txManager);
        this.store = store;
        this.catalog = catalog;
        this.durability = durability;
        this.clock = clock;
    }

    public Optional<Held> find(String portalCode) {
        return jdbc.query("SELECT portal_code, source, module, procedure_code, agency_code, acknowledged_at FROM civil_status_dossier"
                        + " WHERE portal_code = :c", Map.of("c", portalCode),
                (rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class))).stream().findFirst();
    }

    /**
     * Stores the dossier, attaches its files and puts its one-stop event in the outbox, in one transaction made
     * durable before this returns. False when the dossier was already stored (by an earlier attempt or another
     * instance): nothing is written then, and its files are the caller's to discard.
     */
    boolean store(NewDossier d, List<StoredFile> files, NewEvent oneStop) {
        try {
            tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO civil_status_dossier (portal_code, source, module, procedure_code, unit_code, agency_code,"
                        + " service_id, received_at, stored_at) VALUES (:code, :source, :module, :proc, :unit, :agency, :sid,"
                        + " :received, :now)", new MapSqlParameterSource("code", d.portalCode()).addValue("source", d.source())
                        .addValue("module", d.module()).addValue("proc", d.procedureCode()).addValue("unit", d.unitCode())
                        .addValue("agency", d.agencyCode()).addValue("sid", d.serviceId()).addValue("received", d.receivedAt())
                        .addValue("now", now()));
                catalog.attach(d.portalCode(), files);
                AcceptOutcome o = store.acceptInTransaction(List.of(oneStop)).get(0);
                if (o.kind() == AcceptOutcome.Kind.CONFLICT) {
                    throw new IllegalStateException("one-stop event " + oneStop.idemKey() + " exists with another body");
                }
            });
        } catch (DuplicateKeyException already) {
            return false;
        }
        durability.await();
        return true;
    }

    /**
     * Stores a progress report's outbox event and, when it is new, attaches its certificate to the dossier: one
     * transaction, durable before this returns. A repeat or a conflict attaches nothing (the caller drops the file).
     */
    AcceptOutcome storeReport(String portalCode, StoredFile certificate, NewEvent report) {
        AcceptOutcome o;
        try {
            o = tx.execute(s -> {
                AcceptOutcome out = store.acceptInTransaction(List.of(report)).get(0);
                if (out.kind() == AcceptOutcome.Kind.ACCEPTED && certificate != null) {
                    catalog.attach(portalCode, List.of(certificate));
                }
                return out;
            });
        } catch (DuplicateKeyException raced) {
            o = AcceptOutcome.of(store.findByKey(report.source(), report.idemKey()).orElseThrow(() -> raced), report.requestHash(), false);
        }
        durability.await();
        return o;
    }

    void acknowledged(String portalCode) {
        jdbc.update("UPDATE civil_status_dossier SET acknowledged_at = :now WHERE portal_code = :c",
                new MapSqlParameterSource("now", now()).addValue("c", portalCode));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
