package vn.lienthong.gateway.citizen;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.audit.AuditLog;
import vn.lienthong.gateway.identifiers.Identifiers;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalProblems;
import vn.lienthong.gateway.national.population.PopulationDbClient;

/**
 * The HTTP face of the citizen-lookup flow (routes/citizen-lookup.camel.yaml): checks the request, asks
 * the population database, writes the audit row and only then answers. Never logs the ID (only its masked
 * form), a name, a birth date or an address.
 */
public class CitizenLookupApi {
    public static final String OFFICER = "X-Officer-Id";
    public static final String PURPOSE = "X-Purpose";
    public static final String DOSSIER = "X-Dossier-Code";
    /** Ethnicity, religion and blood group: a purpose marked sensitive in mappings/ and this scope, never the purpose alone. */
    public static final String SENSITIVE_SCOPE = "citizen:read-sensitive";
    private static final Logger log = LoggerFactory.getLogger(CitizenLookupApi.class);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final PopulationDbClient population;
    private final AuditLog audit;
    private final Supplier<LookupVocabulary> vocabulary;
    private final ObjectMapper json;
    private final Clock clock;

    public CitizenLookupApi(PopulationDbClient population, AuditLog audit, Supplier<LookupVocabulary> vocabulary,
                            ObjectMapper json, Clock clock) {
        this.population = population;
        this.audit = audit;
        this.vocabulary = vocabulary;
        this.json = json;
        this.clock = clock;
    }

    /** What the client will be answered, held until the audit row is written. */
    private record Answer(int status, String outcome, ObjectNode body, NationalFailure failure, List<Violation> violations) {
        static Answer ok(String outcome, ObjectNode body) { return new Answer(200, outcome, body, null, null); }
        static Answer invalid(List<Violation> v) { return new Answer(Problem.statusFor(v), "INVALID", null, null, v); }
        static Answer failed(NationalFailure f) { return new Answer(f.kind().status(), f.kind().name(), null, f, null); }
        static Answer forbidden(String detail) {
            return new Answer(403, "FORBIDDEN", Problem.of(403, "forbidden", "Forbidden", detail), null, null);
        }
    }

    /** GET /api/v1/citizens/{personalId} (scope citizen:read). */
    public ApiReply lookup(ApiRequest request) {
        String client = request.client();
        String id = request.header("personalId");
        Context c = context(request);
        LookupVocabulary v = vocabulary.get();
        List<Violation> violations = contextChecks(c, v);
        String rule = id == null ? "personal-id.format" : Identifiers.personalId(id, v.provinceCodes(), null, year());
        if (rule != null) {
            violations.add(Violation.of("personalId", rule, Identifiers.personalIdMessage("personalId", rule)));
        }
        boolean sensitive = c.purpose() != null && Boolean.TRUE.equals(v.purposes().get(c.purpose()));
        if (sensitive && c.dossier() == null) {
            violations.add(Violation.of(DOSSIER, "dossier-code.required",
                    "purpose " + c.purpose() + " reveals sensitive fields: name the dossier in " + DOSSIER));
        }
        Answer answer;
        if (!violations.isEmpty()) {
            answer = Answer.invalid(violations);
        } else if (sensitive && !request.hasScope(SENSITIVE_SCOPE)) {
            answer = Answer.forbidden("purpose " + c.purpose() + " reveals ethnicity, religion and blood group: the API key needs scope "
                    + SENSITIVE_SCOPE);
        } else {
            try {
                answer = Answer.ok("FOUND", CitizenRecordMapper.toJson(population.lookup(id, c.officer()), sensitive));
            } catch (NationalFailure f) {
                answer = Answer.failed(f);
            }
        }
        return finish("LOOKUP", client, c, id, answer, "Citizen");
    }

    /** POST /api/v1/citizens/verify (scope citizen:verify): {"personalId","name","birthDate"} to {"match":…}. */
    public ApiReply verify(ApiRequest request) {
        String client = request.client();
        Context c = context(request);
        ApiRequest.Json read = request.readJson();
        if (read.refused()) {
            return writeAudit("VERIFY", client, c, null, "INVALID", read.problem().status()).orElse(read.problem());
        }
        JsonNode body = read.tree();
        LookupVocabulary v = vocabulary.get();
        List<Violation> violations = contextChecks(c, v);
        String id = text(body, "personalId");
        String name = text(body, "name");
        String born = text(body, "birthDate");
        Integer birthYear = null;
        String nationalBirth = null;
        if (born == null) {
            violations.add(Violation.of("birthDate", "required", "birthDate is required (yyyy-MM-dd, or yyyy when only the year is known)"));
        } else if (born.matches("\\d{4}")) {
            birthYear = Integer.parseInt(born);
            nationalBirth = born;
        } else {
            try {
                LocalDate d = LocalDate.parse(born);
                if (d.isAfter(LocalDate.now(clock.withZone(VIETNAM)))) {
                    violations.add(Violation.of("birthDate", "birth-date.future", "birthDate is in the future"));
                }
                birthYear = d.getYear();
                nationalBirth = born.replace("-", "");
            } catch (DateTimeParseException e) {
                violations.add(Violation.of("birthDate", "birth-date.format", "birthDate is yyyy-MM-dd, or yyyy when only the year is known"));
            }
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            violations.add(Violation.of("name", "required", "name is required (at most 200 characters)"));
        }
        String rule = id == null ? "personal-id.format" : Identifiers.personalId(id, v.provinceCodes(), birthYear, year());
        if (rule != null) {
            violations.add(Violation.of("personalId", rule, Identifiers.personalIdMessage("personalId", rule)));
        }
        Answer answer;
        if (!violations.isEmpty()) {
            answer = Answer.invalid(violations);
        } else {
            try {
                boolean match = population.verify(id, c.officer(), name, nationalBirth);
                answer = Answer.ok(match ? "MATCH" : "NO_MATCH", json.createObjectNode().put("match", match));
            } catch (NationalFailure f) {
                answer = Answer.failed(f);
            }
        }
        return finish("VERIFY", client, c, id, answer, "Citizen");
    }

    private record Context(String officer, String purpose, String dossier) {
    }

    private static Context context(ApiRequest request) {
        return new Context(request.header(OFFICER), request.header(PURPOSE), request.header(DOSSIER));
    }

    private static List<Violation> contextChecks(Context c, LookupVocabulary v) {
        List<Violation> out = new ArrayList<>();
        if (c.officer() == null || c.officer().isBlank() || c.officer().length() > 100) {
            out.add(Violation.of(OFFICER, "officer.required", "header " + OFFICER + " names the officer asking (at most 100 characters)"));
        }
        if (c.purpose() == null || c.purpose().isBlank()) {
            out.add(Violation.of(PURPOSE, "purpose.required", "header " + PURPOSE + " states why (a code of mappings/lookup-purposes.yaml)"));
        } else if (!v.purposes().containsKey(c.purpose())) {
            out.add(Violation.unknown(PURPOSE, "purpose.unknown", "purpose is not one of " + v.purposes().keySet()));
        }
        if (c.dossier() != null && Identifiers.dossierCode(c.dossier()) != null) {
            out.add(Violation.of(DOSSIER, Identifiers.dossierCode(c.dossier()), "dossier code is <agency code>-<yyMMdd>-<NNNN>"));
        }
        return out;
    }

    private ApiReply finish(String operation, String client, Context c, String id, Answer a, String what) {
        Optional<ApiReply> unaudited = writeAudit(operation, client, c, id, a.outcome(), a.status());
        if (unaudited.isPresent()) {
            return unaudited.get();
        }
        if (a.failure() != null) {
            log.info("{} {} for {}: {}", operation, a.outcome(), Identifiers.mask(id), a.failure().getMessage());
            return NationalProblems.reply(a.failure(), what);
        } else if (a.violations() != null) {
            return ApiReply.invalid(a.violations());
        } else if (a.status() >= 400) {
            return ApiReply.problem(a.body());
        }
        return ApiReply.json(a.status(), a.body());
    }

    /** Writes the audit row; when that fails, the 503 to answer instead of the answer held for it. */
    private Optional<ApiReply> writeAudit(String operation, String client, Context c, String id, String outcome, int status) {
        try {
            audit.record(client, c.officer(), c.purpose(), c.dossier(), operation, id, outcome, status);
            return Optional.empty();
        } catch (RuntimeException e) {
            log.error("audit write failed: {} of {} refused with 503 ({})", operation, Identifiers.mask(id), e.getClass().getSimpleName());
            return Optional.of(ApiReply.problem(Problem.of(503, "audit-unavailable", "Audit log unavailable",
                    "a citizen's data is never answered without an audit record; try again later")).retryAfter(5));
        }
    }

    private int year() {
        return LocalDate.now(clock.withZone(VIETNAM)).getYear();
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
