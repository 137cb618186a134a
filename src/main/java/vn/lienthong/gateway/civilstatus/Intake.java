package vn.lienthong.gateway.civilstatus;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.onestop.OneStopDestination;

/**
 * Takes in one listed dossier: checks its unit, procedure and module against mappings/, downloads its detail as a
 * stream (files straight into the file store), reads the declaration, stores dossier, files and one-stop event in one
 * transaction, and only then acknowledges it (CapNhatDaNhanHoSo). A dossier already held is only acknowledged again.
 * Logs portal codes, codes of units and procedures, sizes and reasons: never a name, an ID or the declaration.
 */
class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final CivilStatusClient client;
    private final Supplier<CivilStatusVocabulary> vocab;
    private final FileStore files;
    private final CivilStatusProperties cfg;
    private final Dossiers dossiers;
    private final OneStopDossiers oneStop;
    private final DeliveryEngine engine;
    private final Clock clock;

    Intake(CivilStatusClient client, Supplier<CivilStatusVocabulary> vocab, FileStore files, CivilStatusProperties cfg,
           Dossiers dossiers, DeliveryEngine engine, Clock clock) {
        this.client = client;
        this.vocab = vocab;
        this.files = files;
        this.cfg = cfg;
        this.dossiers = dossiers;
        this.oneStop = new OneStopDossiers(cfg.getFiles().getPublicBaseUrl());
        this.engine = engine;
        this.clock = clock;
    }

    /** Stores the dossier unless it is held already; throws a refusal (DEAD) or a call failure (retried). */
    void store(ListedDossier item) throws RefusedDossierException {
        if (dossiers.find(item.portalCode()).isPresent()) {
            return;
        }
        CivilStatusVocabulary v = vocab.get();
        CivilStatusVocabulary.Module module = v.module(item.module()).orElseThrow(() ->
                new RefusedDossierException("unknown module '" + item.module() + "' (mappings/civil-status-modules.yaml)"));
        CivilStatusVocabulary.Unit unit = v.unit(item.unitCode()).orElseThrow(() -> new RefusedDossierException(
                "unknown administrative unit '" + item.unitCode() + "' (mappings/civil-status-units.yaml)"));
        String procedure = v.procedure(item.procedure(), unit.level()).orElseThrow(() -> new RefusedDossierException(
                "unknown procedure '" + item.procedure() + "' at " + unit.level() + " level (mappings/civil-status-procedures.yaml)"));
        DetailReader reader = new DetailReader(v, files, cfg.getFiles());
        DetailReader.Detail d = client.detail(item.id(), reader::read);
        try {
            checkSameDossier(item, d, v);
            Map<String, Object> declaration = Declaration.parse(d.declaration(), v.get("detail.declarationElement"));
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            fields.put("module", module.code()).put("procedureCode", procedure).put("nationalProcedureCode", item.procedure())
                    .put("agencyCode", unit.agencyCode()).put("unitCode", unit.code()).put("receivedAt", item.receivedAt())
                    .put("applicantAccount", item.account());
            fields.set("declaration", Declaration.map(declaration, module.declaration()));
            OffsetDateTime now = OffsetDateTime.now(clock);
            boolean stored = dossiers.store(new Dossiers.NewDossier(item.portalCode(), OneStopDossiers.SOURCE, module.code(),
                            item.procedure(), unit.code(), unit.agencyCode(), item.id(), item.receivedAt()), d.files(),
                    oneStop.event(item.portalCode(), module.eventType(), module.kind(), module.path(), fields, d.files(), d.skipped(), now));
            if (!stored) {
                files.delete(d.files().stream().map(StoredFile::id).toList());
                return;
            }
            engine.wake(OneStopDestination.NAME);
            log.info("civil-status dossier {} stored: module {}, unit {}, {} files ({} bytes), {} skipped", item.portalCode(),
                    module.code(), unit.code(), d.files().size(), d.files().stream().mapToLong(StoredFile::size).sum(), d.skipped());
        } catch (RefusedDossierException | RuntimeException e) {
            files.delete(d.files().stream().map(StoredFile::id).toList());
            throw e;
        }
    }

    private static void checkSameDossier(ListedDossier item, DetailReader.Detail d, CivilStatusVocabulary v) throws RefusedDossierException {
        String code = d.fields().get(v.get("item.code"));
        if (code != null && !code.equals(item.portalCode())) {
            throw new RefusedDossierException("the detail is of another dossier than the list item");
        }
        String module = d.fields().get(v.get("item.module"));
        if (module != null && !module.equals(item.module())) {
            throw new RefusedDossierException("the detail's module differs from the list item's");
        }
    }

    /** CapNhatDaNhanHoSo; true when the service confirmed it. */
    boolean acknowledge(String portalCode) {
        CivilStatusVocabulary v = vocab.get();
        CivilStatusClient.Answer a = client.acknowledge(portalCode);
        boolean ok = a.status() < 300 && Answers.words(a.text()).toLowerCase(Locale.ROOT).contains(v.get("ack.success").toLowerCase(Locale.ROOT));
        if (ok) {
            dossiers.acknowledged(portalCode);
        } else {
            log.warn("civil-status dossier {}: CapNhatDaNhanHoSo not confirmed (HTTP {}): {}", portalCode, a.status(), Answers.brief(a.text()));
        }
        return ok;
    }

    /** Why the last acknowledgement failed, for the event's last error. */
    static String ackFailure(String portalCode) {
        return "CapNhatDaNhanHoSo of " + portalCode + " not confirmed by the service; retried";
    }

    /** Drops the files of refused dossiers and of crashes older than the orphan age. */
    int sweep() {
        if (files instanceof DiskFileStore disk) {
            return disk.sweep(cfg.getFiles().getOrphanAge());
        }
        return files instanceof DatabaseFileStore db ? db.sweep(cfg.getFiles().getOrphanAge()) : 0;
    }
}
