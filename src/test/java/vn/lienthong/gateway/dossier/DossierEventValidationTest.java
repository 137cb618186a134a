package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vn.lienthong.gateway.support.GatewayIntegrationTest;

/** Every rule of a dossier event over HTTP: the status, the problem body naming field and rule, nothing stored. */
class DossierEventValidationTest extends GatewayIntegrationTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("eventId missing", e -> e.remove("eventId"), 400, "eventId", "required"),
                rule("eventId with spaces", e -> e.put("eventId", "a b"), 400, "eventId", "event-id.format"),
                rule("dossierCode missing", e -> e.remove("dossierCode"), 400, "dossierCode", "required"),
                rule("dossierCode malformed", e -> e.put("dossierCode", "H47-1"), 400, "dossierCode", "dossier-code.format"),
                rule("dossierCode impossible date", e -> e.put("dossierCode", AGENCY + "-241332-0001"), 400, "dossierCode", "dossier-code.date"),
                rule("procedureCode malformed", e -> e.put("procedureCode", "1.16"), 400, "procedureCode", "procedure-code.format"),
                rule("procedureCode unknown", e -> e.put("procedureCode", "9.999999"), 422, "procedureCode", "procedure-code.unknown"),
                rule("agencyCode malformed", e -> e.put("agencyCode", "000.00.12.h47"), 400, "agencyCode", "agency-code.format"),
                rule("status missing", e -> e.remove("status"), 400, "status", "required"),
                rule("status unknown", e -> e.put("status", "DONE"), 422, "status", "status.unknown"),
                rule("status not a string", e -> e.put("status", 4), 400, "status", "type.string"),
                rule("occurredAt without offset", e -> e.put("occurredAt", "2026-11-24T09:15:00"), 400, "occurredAt", "datetime.iso-8601-offset"),
                rule("dueAt not a date", e -> e.put("dueAt", "tomorrow"), 400, "dueAt", "datetime.iso-8601-offset"),
                rule("channel unknown", e -> e.put("channel", "FAX"), 422, "channel", "channel.unknown"),
                rule("summary too long", e -> e.put("summary", "x".repeat(2001)), 400, "summary", "length.max"),
                rule("unknown field", e -> e.put("stauts", "NEW"), 400, "stauts", "field.unknown"),
                rule("digitised not boolean", e -> e.put("digitised", "yes"), 400, "digitised", "type.boolean"),
                rule("applicant type unknown", e -> applicant(e).put("type", "ALIEN"), 422, "applicant.type", "applicant-type.unknown"),
                rule("personalId missing for a citizen", e -> applicant(e).remove("personalId"), 400, "applicant.personalId", "required"),
                rule("personalId 11 digits", e -> applicant(e).put("personalId", "04908575432"), 400, "applicant.personalId", "personal-id.format"),
                rule("personalId unknown province", e -> applicant(e).put("personalId", "003085754323"), 400, "applicant.personalId", "personal-id.province"),
                rule("personalId born in the future", e -> applicant(e).put("personalId", "049299754323"), 400, "applicant.personalId", "personal-id.century"),
                rule("personalId against birth year", e -> applicant(e).put("birthDate", "1986-03-12"), 400, "applicant.personalId", "personal-id.birth-year"),
                rule("birthDate malformed", e -> applicant(e).put("birthDate", "12/03/1985"), 400, "applicant.birthDate", "birth-date.format"),
                rule("enterpriseCode bad check digit", e -> enterprise(e).put("enterpriseCode", "0100109107"), 400, "applicant.enterpriseCode", "enterprise-code.check-digit"),
                rule("enterpriseCode malformed", e -> enterprise(e).put("enterpriseCode", "0100109106-1"), 400, "applicant.enterpriseCode", "enterprise-code.format"),
                rule("email malformed", e -> applicant(e).put("email", "an.example.vn"), 400, "applicant.email", "email.format"),
                rule("phone malformed", e -> applicant(e).put("phone", "call me"), 400, "applicant.phone", "phone.format"),
                rule("step without officer", e -> step(e).remove("officer"), 400, "step.officer", "required"),
                rule("step without start", e -> step(e).remove("startedAt"), 400, "step.startedAt", "required"),
                rule("document url not http", e -> e.putArray("documents").addObject().put("name", "a.pdf").put("url", "file:///etc/passwd"),
                        400, "documents[0].url", "url.format"),
                rule("result without name", e -> e.putArray("results").addObject().put("url", "https://x.vn/a.pdf"),
                        400, "results[0].name", "required"),
                rule("submittedAt not a date", e -> e.put("submittedAt", "23/11/2026"), 400, "submittedAt", "datetime.iso-8601-offset"),
                rule("rejectedAt without offset", e -> e.put("rejectedAt", "2026-11-24T09:15:00"), 400, "rejectedAt",
                        "datetime.iso-8601-offset"),
                rule("submittedVia unknown", e -> e.put("submittedVia", "EMAIL"), 422, "submittedVia", "submitted-via.unknown"),
                rule("resultDelivery unknown", e -> e.put("resultDelivery", "DRONE"), 422, "resultDelivery", "result-delivery.unknown"),
                rule("onlinePayment unknown", e -> e.put("onlinePayment", "YES"), 422, "onlinePayment", "online-payment.unknown"),
                rule("onlinePayment a boolean", e -> e.put("onlinePayment", true), 400, "onlinePayment", "type.string"),
                rule("paidOnline beside onlinePayment", e -> e.put("paidOnline", true).put("onlinePayment", "NATIONAL_PORTAL"),
                        400, "paidOnline", "online-payment.conflict"),
                rule("portalAccountId not a string", e -> applicant(e).put("portalAccountId", 42), 400, "applicant.portalAccountId",
                        "type.string"),
                rule("vneidVerified not boolean", e -> applicant(e).put("vneidVerified", "1"), 400, "applicant.vneidVerified", "type.boolean"),
                rule("officer over the portal's limit", e -> step(e).put("officer", "x".repeat(51)), 400, "step.officer",
                        "length.portal-max"),
                rule("document reuse unknown", e -> e.putArray("documents").addObject().put("name", "a.pdf").put("url", "https://x.vn/a.pdf")
                        .put("reuse", "MAYBE"), 422, "documents[0].reuse", "document-reuse.unknown"),
                rule("fee amount negative", e -> fee(e).put("amount", -1), 400, "fees[0].amount", "amount.non-negative-integer"),
                rule("fee amount as text", e -> fee(e).put("amount", "75000"), 400, "fees[0].amount", "amount.non-negative-integer"),
                rule("fee amount with decimals", e -> fee(e).put("amount", 75000.5), 400, "fees[0].amount", "amount.non-negative-integer"),
                rule("fee without name", e -> fee(e).remove("name"), 400, "fees[0].name", "required"),
                rule("fee kind unknown", e -> fee(e).put("kind", "TAX"), 422, "fees[0].kind", "fee-kind.unknown"),
                rule("fees not a list", e -> e.putObject("fees"), 400, "fees", "type.array"),
                rule("supplement without request time", e -> supplement(e, null, null), 400, "supplements[0].requestedAt", "required"),
                rule("supplement completed before requested", e -> supplement(e, "2026-11-25T10:00:00+07:00", "2026-11-25T09:00:00+07:00"),
                        400, "supplements[0].completedAt", "supplement.completed-before-requested"),
                rule("open supplement before another", e -> {
                    supplement(e, "2026-11-25T10:00:00+07:00", null);
                    ((com.fasterxml.jackson.databind.node.ArrayNode) e.get("supplements")).addObject()
                            .put("requestedAt", "2026-11-26T10:00:00+07:00");
                }, 400, "supplements[0].completedAt", "supplements.open-not-last"),
                rule("supplements out of order", e -> {
                    supplement(e, "2026-11-25T10:00:00+07:00", "2026-11-25T11:00:00+07:00");
                    ((com.fasterxml.jackson.databind.node.ArrayNode) e.get("supplements")).addObject()
                            .put("requestedAt", "2026-11-24T10:00:00+07:00");
                }, 400, "supplements[1].requestedAt", "supplements.order"));
    }

    private static ObjectNode fee(ObjectNode e) {
        return e.putArray("fees").addObject().put("name", "Lệ phí").put("amount", 75000);
    }

    private static void supplement(ObjectNode e, String requestedAt, String completedAt) {
        ObjectNode s = e.putArray("supplements").addObject().put("reason", "Bổ sung bản vẽ");
        if (requestedAt != null) {
            s.put("requestedAt", requestedAt);
        }
        if (completedAt != null) {
            s.put("completedAt", completedAt);
        }
    }

    private static Arguments rule(String name, Consumer<ObjectNode> change, int status, String field, String rule) {
        return Arguments.of(name, change, status, field, rule);
    }

    private static ObjectNode applicant(ObjectNode e) {
        return (ObjectNode) e.get("applicant");
    }

    private static ObjectNode enterprise(ObjectNode e) {
        ObjectNode a = applicant(e);
        a.removeAll();
        a.put("type", "ENTERPRISE").put("name", "Công ty TNHH Sông Thu").put("enterpriseCode", "0100109106");
        return a;
    }

    private static ObjectNode step(ObjectNode e) {
        return (ObjectNode) e.get("step");
    }

    private ObjectNode valid(String dossier) {
        ObjectNode e = event("v-" + dossier, dossier, "PROCESSING");
        e.putObject("applicant").put("type", "CITIZEN").put("name", "Nguyễn Văn An").put("personalId", "049085754323")
                .put("birthDate", "1985-03-12").put("email", "an@example.vn").put("phone", "+84 905 123 456");
        e.putObject("step").put("officer", "Lê Thị Bình").put("content", "Thẩm định").put("startedAt", "2026-11-24T09:30:00+07:00");
        return e;
    }

    /** The valid base event of the rule table is accepted, so each refusal below is due to its one change. */
    @Test
    void shouldAcceptBaseEventWhenNothingChanged() {
        String dossier = newDossier();
        assertThat(postEvent(valid(dossier)).statusCode()).isEqualTo(202);
        ObjectNode ent = valid(newDossier());
        enterprise(ent);
        assertThat(postEvent(ent).statusCode()).isEqualTo(202);
    }

    /** Each broken rule is answered with its status and a problem naming the field and the rule; nothing is stored. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void shouldRefuseWithProblemWhenRuleBroken(String name, Consumer<ObjectNode> change, int status, String field, String rule) {
        String dossier = newDossier();
        ObjectNode e = valid(dossier);
        change.accept(e);
        HttpResponse<String> r = postEvent(e);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode errors = json(r).get("errors");
        assertThat(errors).as(r.body()).anySatisfy(err -> {
            assertThat(err.get("field").asText()).isEqualTo(field);
            assertThat(err.get("rule").asText()).isEqualTo(rule);
        });
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at vn.");
        assertThat(get("/api/v1/dossiers/" + dossier + "/events", WRITER_KEY).statusCode()).isEqualTo(404);
    }

    /** Malformed JSON, a wrong media type and an oversized body get 400, 415 and 413 problems. */
    @Test
    void shouldRefuseWhenBodyUnreadable() {
        HttpResponse<String> malformed = post("/api/v1/dossier-events", WRITER_KEY, "{\"eventId\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("errors").get(0).get("rule").asText()).isEqualTo("json.malformed");
        HttpResponse<String> text = send(HttpRequest.newBuilder(uri("/api/v1/dossier-events")).header("X-API-Key", WRITER_KEY)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(text.statusCode()).isEqualTo(415);
        ObjectNode big = valid(newDossier());
        big.put("note", "x".repeat(300_000));
        assertThat(postEvent(big).statusCode()).isEqualTo(413);
        assertThat(post("/api/v1/dossier-events", WRITER_KEY, "[1,2]").statusCode()).isEqualTo(400);
    }
}
