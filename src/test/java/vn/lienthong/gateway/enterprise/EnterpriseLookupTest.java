package vn.lienthong.gateway.enterprise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.LookupsTestSupport;
import vn.lienthong.gateway.sandbox.SimFault;

class EnterpriseLookupTest extends LookupsTestSupport {

    HttpResponse<String> lookup(String code) throws Exception {
        return get("/api/v1/enterprises/" + code, KEY);
    }

    /** Every field of a GetEntCert element reaches the English answer, nested arrays flattened, main line marked. */
    @Test
    void shouldMapEveryFieldWhenEnterpriseFound() throws Exception {
        HttpResponse<String> r = lookup("4059083010");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode e = json(r);
        assertEquals("4059083010", e.path("enterpriseCode").asText());
        assertEquals("4059083010", e.path("registrationNumber").asText());
        assertEquals("Công ty TNHH Phần mềm Sông Thu", e.path("name").path("vietnamese").asText());
        assertEquals("Song Thu Software Co., Ltd", e.path("name").path("english").asText());
        assertEquals("SONG THU SOFT", e.path("name").path("short").asText());
        assertEquals("CONG_TY_TNHH_MTV", e.path("legalForm").asText());
        assertEquals("ACTIVE", e.path("status").path("code").asText());
        assertEquals("DANG_HOAT_DONG", e.path("status").path("nationalCode").asText());
        assertEquals("2018-07-11", e.path("foundedOn").asText());
        assertEquals("49", e.path("headOffice").path("provinceCode").asText());
        assertEquals("20346", e.path("headOffice").path("communeCode").asText());
        assertEquals("Số 24 đường Phan Châu Trinh", e.path("headOffice").path("street").asText());
        assertEquals("Nguyễn Hữu Phước", e.path("legalRepresentatives").get(0).path("name").asText());
        assertEquals("Giám đốc", e.path("legalRepresentatives").get(0).path("title").asText());
        assertEquals(2, e.path("businessLines").size());
        assertEquals("6201", e.path("businessLines").get(0).path("code").asText());
        assertTrue(e.path("businessLines").get(0).path("main").asBoolean());
        assertEquals(false, e.path("businessLines").get(1).path("main").asBoolean());
        assertEquals(2000000000L, e.path("charterCapital").asLong());
        assertTrue(e.path("parentEnterpriseCode").isNull());
    }

    /** The current legal status is the latest entry: suspended, dissolved. */
    @Test
    void shouldAnswerLatestStatusWhenStatusChanged() throws Exception {
        assertEquals("SUSPENDED", json(lookup("4062819484")).path("status").path("code").asText());
        assertEquals("DISSOLVED", json(lookup("4018190937")).path("status").path("code").asText());
    }

    /** A branch (13-digit code) names its parent. */
    @Test
    void shouldNameParentWhenBranch() throws Exception {
        assertEquals("4059083010", json(lookup("4059083010-001")).path("parentEnterpriseCode").asText());
    }

    /** A wrong check digit or format is a 400 naming the rule, without a national call. */
    @Test
    void shouldRefuseWithRuleWhenCodeInvalid() throws Exception {
        assertTrue(lookup("4000000015").body().contains("enterprise-code.check-digit"));
        assertEquals(400, lookup("4000000015").statusCode());
        assertTrue(lookup("40590830").body().contains("enterprise-code.format"));
        assertEquals(0, REGISTRY.calls());
    }

    /** Two lookups of one enterprise make one national call; an unknown code is a 404, cached too. */
    @Test
    void shouldCallRegistryOnceWhenLookedUpTwice() throws Exception {
        assertEquals(200, lookup("4009139099").statusCode());
        assertEquals(200, lookup("4009139099").statusCode());
        assertEquals(1, REGISTRY.calls());
        assertEquals(404, lookup("4000000014").statusCode());
        assertEquals(404, lookup("4000000014").statusCode());
        assertEquals(2, REGISTRY.calls());
    }

    /** Registry 5xx and 429 are 503 with Retry-After, a slow registry 504; failures are not cached. */
    @Test
    void shouldAnswer503Or504WhenRegistryFails() throws Exception {
        REGISTRY.addFault(SimFault.fault("500", 1));
        HttpResponse<String> r = lookup("4059083010");
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
        REGISTRY.addFault(SimFault.rateLimited(7, 1));
        HttpResponse<String> limited = lookup("4059083010");
        assertEquals(503, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("Retry-After").orElse(""));
        REGISTRY.addFault(SimFault.slow(RESPONSE_TIMEOUT_MS + 700, 1));
        assertEquals(504, lookup("4059083010").statusCode());
        REGISTRY.addFault(SimFault.down(SimFault.UNTIL_CLEARED));
        assertEquals(503, lookup("4059083010").statusCode());
        assertEquals(CircuitBreaker.State.OPEN, registryGuard.breaker().getState());
        REGISTRY.clearFaults();
        Thread.sleep(2300);
        assertEquals(200, lookup("4059083010").statusCode());
    }
}
