package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.delivery.AcceptOutcome;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.onestop.OneStopDestination;

/**
 * The one-stop system's side of the civil-status flow (routes/civil-status.camel.yaml): progress reports (POST
 * /api/v1/civil-status/statuses, 202 once committed, 200 for a repeat, 409 for a known eventId with another body),
 * the files of a dossier taken in (GET /api/v1/civil-status/files/{fileId}, streamed from the store, each fetch
 * logged with the client) and a dossier's state (GET /api/v1/civil-status/dossiers/{portalCode}).
 */
public class CivilStatusApi {
    private static final Logger log = LoggerFactory.getLogger(CivilStatusApi.class);

    private final CivilStatusProperties cfg;
    private final Supplier<CivilStatusVocabulary> vocab;
    private final Dossiers dossiers;
    private final FileCatalog catalog;
    private final FileStore files;
    private final DeliveryStore store;
    private final DeliveryEngine engine;
    private final StatusReports reports;
    private final ObjectMapper json;
    private final Clock clock;

    CivilStatusApi(CivilStatusProperties cfg, Supplier<CivilStatusVocabulary> vocab, Dossiers dossiers, FileCatalog catalog,
                   FileStore files, DeliveryStore store, DeliveryEngine engine, ObjectMapper json, Clock clock) {
        this.cfg = cfg;
        this.vocab = vocab;
        this.dossiers = dossiers;
        this.catalog = catalog;
        this.files = files;
        this.store = store;
        this.engine = engine;
        this.reports = new StatusReports(cfg);
        this.json = json;
        this.clock = clock;
    }

    public ApiReply status(ApiRequest request) throws IOException {
        if (!cfg.isEnabled()) {
            return off();
        }
        ApiRequest.Json read = request.readJson();
        if (read.refused()) {
            return read.problem();
        }
        JsonNode r = read.tree();
        CivilStatusVocabulary v = vocab.get();
        JsonNode code = r.path("portalCode");
        Optional<Dossiers.Held> held = code.isTextual() && ListedDossier.CODE.matcher(code.textValue()).matches()
                ? dossiers.find(code.textValue()) : Optional.empty();
        List<Violation> violations = reports.check(r, v, held);
        if (!violations.isEmpty()) {
            log.info("civil-status report refused with {}: {}", Problem.statusFor(violations),
                    violations.stream().map(Violation::rule).toList());
            return ApiReply.invalid(violations);
        }
        String client = request.client();
        StoredFile certificate = storeCertificate(StatusReports.certificate(r));
        NewEvent e = reports.translate(r, v, held.get(), client, OffsetDateTime.now(clock), certificate == null ? null : certificate.id());
        AcceptOutcome o;
        try {
            o = dossiers.storeReport(held.get().portalCode(), certificate, e);
        } catch (RuntimeException failed) {
            drop(certificate);
            throw failed;
        }
        if (o.kind() != AcceptOutcome.Kind.ACCEPTED) {
            drop(certificate);
        }
        log.info("civil-status report {} ({}, dossier {}): {}", e.idemKey(), e.eventType(), e.partitionKey(), o.kind());
        return switch (o.kind()) {
            case ACCEPTED -> {
                engine.wake(StatusDestination.NAME);
                yield ApiReply.json(202, state(o.event()));
            }
            case DUPLICATE -> ApiReply.json(200, state(o.event()));
            case CONFLICT -> ApiReply.problem(Problem.of(409, "idempotency-conflict", "eventId already used",
                    "eventId " + r.get("eventId").asText() + " was accepted before with a different body"));
        };
    }

    private StoredFile storeCertificate(byte[] certificate) throws IOException {
        if (certificate == null) {
            return null;
        }
        try (FileStore.Writer w = files.create(0, "CERTIFICATE", cfg.getMaxCertificate().toBytes())) {
            w.out().write(certificate);
            return w.finish("certificate.pdf", "certificate");
        }
    }

    private void drop(StoredFile f) {
        if (f != null) {
            files.delete(List.of(f.id()));
        }
    }

    public ApiReply file(ApiRequest request) throws IOException {
        if (!cfg.isEnabled()) {
            return off();
        }
        String id = request.header("fileId");
        Optional<StoredFile> f = FileNames.isId(id) ? catalog.find(id) : Optional.empty();
        Optional<String> dossier = f.flatMap(x -> catalog.dossierOf(x.id()));
        if (dossier.isEmpty()) {
            return ApiReply.problem(Problem.of(404, "not-found", "No such file", "no stored file has this id"));
        }
        StoredFile file = f.get();
        InputStream in = files.open(file.id());
        log.info("civil-status file {} of dossier {} ({} bytes) fetched by {}", file.id(), dossier.get(), file.size(), request.client());
        return ApiReply.stream(200, file.mediaType(), in, file.size())
                .withHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                .withHeader("X-Checksum-SHA256", file.sha256());
    }

    public ApiReply dossier(ApiRequest request) {
        if (!cfg.isEnabled()) {
            return off();
        }
        String code = request.header("portalCode");
        if (code == null || !ListedDossier.CODE.matcher(code).matches()) {
            return ApiReply.problem(Problem.of(404, "not-found", "No such dossier", "no dossier has this portal code"));
        }
        List<StoredEvent> intake = store.byPartition(IntakeDestination.NAME, code);
        Optional<Dossiers.Held> held = dossiers.find(code);
        if (held.isEmpty() && intake.isEmpty()) {
            return ApiReply.problem(Problem.of(404, "not-found", "No such dossier", "no dossier has this portal code"));
        }
        ObjectNode out = json.createObjectNode().put("portalCode", code).put("stored", held.isPresent());
        held.ifPresent(h -> {
            out.put("source", h.source()).put("module", h.module()).put("procedureCode", h.procedureCode())
                    .put("agencyCode", h.agencyCode()).put("acknowledgedAt", h.acknowledgedAt() == null ? null : h.acknowledgedAt().toString());
            ArrayNode list = out.putArray("files");
            for (StoredFile f : catalog.ofDossier(code)) {
                list.addObject().put("id", f.id()).put("kind", f.kind()).put("name", f.name()).put("size", f.size())
                        .put("sha256", f.sha256()).put("url", cfg.getFiles().getPublicBaseUrl().replaceAll("/+$", "")
                                + OneStopDossiers.FILES_PATH + f.id());
            }
        });
        out.set("intake", events(intake));
        out.set("oneStop", events(store.byPartition(OneStopDestination.NAME, code)));
        out.set("statusReports", events(store.byPartition(StatusDestination.NAME, code)));
        return ApiReply.json(200, out);
    }

    private ArrayNode events(List<StoredEvent> events) {
        ArrayNode a = json.createArrayNode();
        for (StoredEvent e : events) {
            a.add(state(e));
        }
        return a;
    }

    private ObjectNode state(StoredEvent e) {
        ObjectNode o = json.createObjectNode().put("id", e.id()).put("key", e.idemKey()).put("type", e.eventType())
                .put("state", e.state().name()).put("attempts", e.attempts());
        o.put("lastError", e.lastError());
        return o;
    }

    private static ApiReply off() {
        return ApiReply.problem(Problem.of(404, "not-found", "Civil-status flow is off", "gateway.civil-status.enabled is false"));
    }
}
