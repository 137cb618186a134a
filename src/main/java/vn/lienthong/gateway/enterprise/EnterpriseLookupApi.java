package vn.lienthong.gateway.enterprise;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.api.HttpReply;
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
    public void lookup(Exchange ex) {
        String code = ex.getMessage().getHeader("enterpriseCode", String.class);
        String dossier = ex.getMessage().getHeader(CitizenLookupApi.DOSSIER, String.class);
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
            HttpReply.invalid(ex, violations);
            return;
        }
        Optional<JsonNode> found;
        try {
            found = service.find(code);
        } catch (NationalFailure f) {
            log.info("enterprise lookup of {}: {}", code, f.getMessage());
            record(ex, dossier, code, f.kind().name());
            NationalProblems.reply(ex, f, "Enterprise");
            return;
        }
        record(ex, dossier, code, found.isPresent() ? "FOUND" : "NOT_FOUND");
        if (found.isEmpty()) {
            HttpReply.problem(ex, Problem.of(404, "not-found", "Enterprise not found",
                    "the business registry has no enterprise " + code));
            return;
        }
        try {
            HttpReply.json(ex, 200, EnterpriseRecordMapper.toJson(found.get(), vocabulary.get().legalStatuses()));
        } catch (UnmappedCodeException e) {
            log.error("enterprise {}: {}; add it to mappings/enterprise-legal-status.yaml", code, e.getMessage());
            HttpReply.problem(ex, Problem.of(502, "bad-gateway", "Unknown national code",
                    "the business registry answered a legal status the gateway does not know; operators were alerted"));
        }
    }

    /** Records a lookup made for a dossier; a failure to record costs the dossier that credit only, not the answer. */
    private void record(Exchange ex, String dossier, String code, String outcome) {
        if (dossier == null) {
            return;
        }
        try {
            lookups.record(HttpReply.client(ex), dossier, code, outcome);
        } catch (RuntimeException e) {
            log.warn("enterprise lookup of {} for dossier {} not recorded ({}); its portal record will not name the registry",
                    code, dossier, e.getClass().getSimpleName());
        }
    }
}
