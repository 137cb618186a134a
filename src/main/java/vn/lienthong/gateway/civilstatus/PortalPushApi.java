package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.identifiers.Identifiers;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.mapping.RecordTemplate;
import vn.lienthong.gateway.onestop.OneStopDestination;
import vn.lienthong.gateway.security.BodyLimitFilter;

/**
 * POST /api/v1/portal/dossiers: a dossier the national portal pushes with its files inline as Base64
 * (incoming-dossiers.md section 1). The body is read as a stream (gateway.http.streamed-paths): each file is decoded
 * into the file store as it arrives, the other fields are small. Then the dossier, its files and its one-stop event
 * are stored in one transaction. Answers in the portal's convention, error_code 0 (stored) or 1 (this MaHoSo was
 * received before: success), HTTP 200; a refusal is a 4xx problem that also carries error_code -1 and message.
 * Authenticated by an API key of scope portal:push that the province's LGSP adds (the portal sends no signature).
 */
public class PortalPushApi {
    private static final Logger log = LoggerFactory.getLogger(PortalPushApi.class);
    static final String SOURCE = "portal-push";
    static final String TEMPLATE = "one-stop-portal-dossier";
    private static final String FORM_NAME = "TenTepDonDangKy";
    private static final String FORM = "TepDonDangKy";
    private static final String DOCUMENTS = "TaiLieuNop";
    private static final String DOCUMENT_NAME = "TenTepDinhKem";
    private static final String DOCUMENT = "Base64";

    private final CivilStatusProperties cfg;
    private final Supplier<CivilStatusVocabulary> vocab;
    private final MappingRegistry mappings;
    private final FileStore files;
    private final Dossiers dossiers;
    private final DeliveryEngine engine;
    private final OneStopDossiers oneStop;
    private final ObjectMapper json;
    private final JsonFactory parsers;
    private final Clock clock;

    PortalPushApi(CivilStatusProperties cfg, Supplier<CivilStatusVocabulary> vocab, MappingRegistry mappings, FileStore files,
                  Dossiers dossiers, DeliveryEngine engine, ObjectMapper json, Clock clock) {
        this.cfg = cfg;
        this.vocab = vocab;
        this.mappings = mappings;
        this.files = files;
        this.dossiers = dossiers;
        this.engine = engine;
        this.oneStop = new OneStopDossiers(cfg.getFiles().getPublicBaseUrl());
        this.json = json;
        this.parsers = StrictJson.factory(64 * 1024);
        this.clock = clock;
    }

    public ApiReply receive(ApiRequest request) throws IOException {
        if (!cfg.isPushEnabled()) {
            return ApiReply.problem(refusal(404, "not-found", "Push of dossiers is off", "gateway.civil-status.push-enabled is false"));
        }
        String type = request.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            return ApiReply.problem(refusal(415, "unsupported-media-type", "Unsupported media type", "send the body as application/json"));
        }
        InputStream body = request.streamedBody();
        if (body == null) {
            throw new IllegalStateException("/api/v1/portal/dossiers must be in gateway.http.streamed-paths");
        }
        InlineFiles decoded = new InlineFiles(files, cfg.getFiles());
        try {
            ObjectNode fields = read(body, decoded);
            String code = store(fields, decoded);
            return ApiReply.json(200, json.createObjectNode().put("error_code", 0).put("message", code + "| create dossier success"));
        } catch (RefusedDossierException e) {
            decoded.discard();
            log.info("pushed dossier refused with 400: {}", e.getMessage());
            return ApiReply.problem(refusal(400, "invalid-request", "Invalid dossier", e.getMessage()));
        } catch (BodyLimitFilter.TooLargeException e) {
            decoded.discard();
            return ApiReply.problem(refusal(413, "too-large", "Request too large", e.getMessage()));
        } catch (Duplicate d) {
            decoded.discard();
            log.info("pushed dossier {} received before: answered error_code 1", d.code);
            return ApiReply.json(200, json.createObjectNode().put("error_code", 1).put("message", d.code + "| duplicate refId"));
        } catch (IOException | RuntimeException e) {
            decoded.discard();
            throw e;
        }
    }

    /** The body's fields other than files; the files go to the store as they come. */
    private ObjectNode read(InputStream body, InlineFiles decoded) throws IOException, RefusedDossierException, Duplicate {
        ObjectNode fields = json.createObjectNode();
        FileStore.Writer form = null;
        try (JsonParser p = parsers.createParser(StrictJson.utf8(body))) {
            p.setCodec(json);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RefusedDossierException("the body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(FORM) && t == JsonToken.VALUE_STRING) {
                    form = decoded.decode(p, "FORM", FORM);
                } else if (name.equals(DOCUMENTS) && t == JsonToken.START_ARRAY) {
                    readDocuments(p, decoded);
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    fields.set(name, p.readValueAsTree());
                } else {
                    fields.put(name, t == JsonToken.VALUE_NULL ? null : p.getText());
                    if (name.equals("MaHoSo") && t == JsonToken.VALUE_STRING && ListedDossier.CODE.matcher(p.getText()).matches()
                            && dossiers.find(p.getText()).isPresent()) {
                        throw new Duplicate(p.getText());
                    }
                }
            }
            if (p.nextToken() != null) {
                throw new RefusedDossierException("the body has content after its JSON object");
            }
            if (form != null) {
                String formName = fields.path(FORM_NAME).asText("");
                if (formName.isBlank()) {
                    decoded.skip();
                    form.close();
                } else {
                    decoded.keep(form, formName, "application form", FORM);
                }
                form = null;
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new RefusedDossierException("the body is not valid JSON" + StrictJson.at(e.getLocation()));
        } catch (CharacterCodingException e) {
            throw new RefusedDossierException("the body is not valid UTF-8");
        } finally {
            if (form != null) {
                form.close();
            }
        }
    }

    private void readDocuments(JsonParser p, InlineFiles decoded) throws IOException, RefusedDossierException {
        int index = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            index++;
            String label = DOCUMENTS + "[" + index + "]";
            FileStore.Writer w = null;
            String name = null;
            try {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if (field.equals(DOCUMENT) && t == JsonToken.VALUE_STRING) {
                        w = decoded.decode(p, "ATTACHMENT", label);
                    } else if (field.equals(DOCUMENT_NAME) && t == JsonToken.VALUE_STRING) {
                        name = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                if (w == null || name == null || name.isBlank()) {
                    decoded.skip();
                } else {
                    decoded.keep(w, name, null, label);
                    w = null;
                }
            } finally {
                if (w != null) {
                    w.close();
                }
            }
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new RefusedDossierException(DOCUMENTS + " holds something other than objects");
        }
    }

    /** True when stored now; a dossier stored meanwhile (a concurrent push of it) is a duplicate. */
    private String store(ObjectNode fields, InlineFiles decoded) throws RefusedDossierException, Duplicate {
        String code = required(fields, "MaHoSo");
        if (!ListedDossier.CODE.matcher(code).matches()) {
            throw new RefusedDossierException("MaHoSo is the portal's dossier code (letters, digits, . _ : -)");
        }
        String procedure = required(fields, "MaTTHC");
        String taxCode = required(fields, "MaSoThue");
        if (Identifiers.enterpriseCode(taxCode) != null) {
            throw new RefusedDossierException("MaSoThue is an enterprise code of 10 digits with its check digit (or a -NNN branch)");
        }
        CivilStatusVocabulary.PushProcedure mapped = vocab.get().pushProcedure(procedure).orElseThrow(() ->
                new RefusedDossierException("MaTTHC '" + procedure + "' is not in mappings/portal-push-procedures.yaml"));
        ObjectNode out = RecordTemplate.compile(mappings.current().table(TEMPLATE), mappings.current(), java.util.Map.of()).apply(fields);
        out.put("procedureCode", mapped.procedureCode()).put("agencyCode", mapped.agencyCode());
        List<StoredFile> stored = decoded.stored();
        boolean fresh = dossiers.store(new Dossiers.NewDossier(code, SOURCE, null, procedure, null, mapped.agencyCode(), null,
                        fields.path("NgayNopHoSo").asText(null)), stored,
                oneStop.event(code, "portal-dossier", "PORTAL_DOSSIER", mapped.path(), out, stored, decoded.skipped(), OffsetDateTime.now(clock)));
        if (!fresh) {
            throw new Duplicate(code);
        }
        engine.wake(OneStopDestination.NAME);
        log.info("pushed dossier {} stored: procedure {}, {} files ({} bytes), {} skipped", code, procedure, stored.size(),
                stored.stream().mapToLong(StoredFile::size).sum(), decoded.skipped());
        return code;
    }

    private static String required(ObjectNode fields, String name) throws RefusedDossierException {
        String v = fields.path(name).isTextual() ? fields.get(name).textValue() : null;
        if (v == null || v.isBlank()) {
            throw new RefusedDossierException(name + " is required");
        }
        return v;
    }

    /** A problem in the portal's convention too: error_code -1 and the message beside the problem's fields. */
    private static ObjectNode refusal(int status, String slug, String title, String detail) {
        ObjectNode p = Problem.of(status, slug, title, detail);
        p.put("error_code", -1);
        p.put("message", detail);
        return p;
    }

    /** The MaHoSo was received before. */
    private static final class Duplicate extends Exception {
        private final String code;

        Duplicate(String code) {
            super(null, null, false, false);
            this.code = code;
        }
    }
}
