package vn.lienthong.gateway.enterprise;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.audit.EnterpriseLookupLog;
import vn.lienthong.gateway.citizen.CitizenLookupApi;
import vn.lienthong.gateway.citizen.LookupVocabulary;
import vn.lienthong.gateway.identifiers.Identifiers;
import vn.lienthong.gateway.mapping.UnmappedCodeException;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalProblems;

/** The HTTP face of the enterprise-lookup flow (routes/enterprise-lookup.camel.yaml). */
public class EnterpriseLookupApi {
    private static final Logger log = LoggerFactory.getLogger(EnterpriseLookupApi.class);

    private final EnterpriseLookupService service;
    private final Supplier<LookupVocabulary> vocabulary;
    private final EnterpriseLookupLog lookups;

    public EnterpriseLookupApi(EnterpriseLookupService service, Supplier<LookupVocabulary> vocabulary, EnterpriseLookupLog lookups) {
        this.service = service;
        this.vocabulary = vocabulary;
        this.lookups = lookups;
    }

    /**
     * GET /api/v1/enterprises/{enterpriseCode} (scope enterprise:read). With header X-Dossier-Code the lookup is
     * recorded for that dossier, whose portal record then names the business registry among the national
     * databases it used (when the lookup found the enterprise).
     */
    public ApiReply lookup(ApiRequest request) {
        String code = request.header("enterpriseCode");
        String dossier = request.header(CitizenLookupApi.DOSSIER);
        List<Violation> violations = new ArrayList<>();
        String rule = code == null ? "enterprise-code.format" : Identifiers.enterpriseCode(code);
        if (rule != null) {
            violations.add(Violation.of("enterpriseCode", rule, "enterprise-code.format".equals(rule)
                    ? "enterpriseCode is 10 digits, or 10 digits and -NNN for a branch"
                    : "enterpriseCode's check digit (10th digit) is wrong"));
        }
        if (dossier != null && Identifiers.dossierCode(dossier) != null) {
            violations.add(Violation.of(CitizenLookupApi.DOSSIER, Identifiers.dossierCode(dossier),
                    "dossier code is <agency code>-<yyMMdd>-<NNNN>"));
        }
        if (!violations.isEmpty()) {
            return ApiReply.invalid(violations);
        }
        Optional<JsonNode> found;
        try {
            found = service.find(code);
        } catch (NationalFailure f) {
            log.info("enterprise lookup of {}: {}", code, f.getMessage());
            record(request, dossier, code, f.kind().name());
            return NationalProblems.reply(f, "Enterprise");
        }
        record(request, dossier, code, found.isPresent() ? "FOUND" : "NOT_FOUND");
        if (found.isEmpty()) {
            return ApiReply.problem(Problem.of(404, "not-found", "Enterprise not found",
                    "the business registry has no enterprise " + code));
        }
        try {
            return ApiReply.json(200, EnterpriseRecordMapper.toJson(found.get(), vocabulary.get().legalStatuses()));
        } catch (UnmappedCodeException e) {
            log.error("enterprise {}: {}; add it to mappings/enterprise-legal-status.yaml", code, e.getMessage());
            return ApiReply.problem(Problem.of(502, "bad-gateway", "Unknown national code",
                    "the business registry answered a legal status the gateway does not know; operators were alerted"));
        }
    }

    /** Records a lookup made for a dossier; a failure to record costs the dossier that credit only, not the answer. */
    private void record(ApiRequest request, String dossier, String code, String outcome) {
        if (dossier == null) {
            return;
        }
        try {
            lookups.record(request.client(), dossier, code, outcome);
        } catch (RuntimeException e) {
            log.warn("enterprise lookup of {} for dossier {} not recorded ({}); its portal record will not name the registry",
                    code, dossier, e.getClass().getSimpleName());
        }
    }
}
