package vn.lienthong.gateway.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.ws.policy.PolicyEngine;
import org.apache.cxf.ws.policy.PolicyOutInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import vn.lienthong.gateway.LookupsTestSupport;
import vn.lienthong.gateway.sandbox.SimFault;

class CitizenLookupTest extends LookupsTestSupport {
    static final String MARRIED = "049192757491";
    static final String YEAR_ONLY_DECEASED = "049158559797";
    static final String UNKNOWN = "049085000001";

    @Autowired
    CamelContext camel;
    @Autowired
    ApplicationContext context;

    HttpResponse<String> lookup(String id, String purpose) throws Exception {
        return get("/api/v1/citizens/" + id, KEY, "X-Officer-Id", "cb-07", "X-Purpose", purpose,
                "X-Dossier-Code", "000.00.12.H47-241124-0001");
    }

    /**
     * population-db.wsdl states no WS-Policy: the client's bus, its own (LookupConfiguration.populationDbBus), runs
     * no policy interceptors, and every other CXF bus of the application keeps its policy engine.
     */
    @Test
    void shouldCallThePopulationDatabaseWithoutThePolicyEngine() throws Exception {
        assertEquals(200, lookup(MARRIED, "DOSSIER_PROCESSING").statusCode());

        CxfEndpoint endpoint = camel.getEndpoints().stream().filter(CxfEndpoint.class::isInstance).map(CxfEndpoint.class::cast)
                .findFirst().orElseThrow();
        Bus bus = endpoint.getBus();
        assertSame(context.getBean("populationDbBus"), bus);
        assertFalse(bus.getExtension(PolicyEngine.class).isEnabled());
        assertTrue(bus.getOutInterceptors().stream().noneMatch(PolicyOutInterceptor.class::isInstance),
                () -> "bus out interceptors: " + bus.getOutInterceptors());
        context.getBeansOfType(Bus.class).forEach((name, other) -> {
            PolicyEngine engine = other == bus ? null : other.getExtension(PolicyEngine.class);
            assertTrue(engine == null || engine.isEnabled(), () -> "policy engine of bus " + name);
        });
    }

    /** Every field of a SOAP CongDan reaches the English answer, without the sensitive ones for an ordinary purpose. */
    @Test
    void shouldMapEveryFieldWhenCitizenFound() throws Exception {
        HttpResponse<String> r = lookup(MARRIED, "DOSSIER_PROCESSING");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode c = json(r);
        assertEquals(MARRIED, c.path("personalId").asText());
        assertEquals("Trần Thị Bích Ngọc", c.path("name").path("full").asText());
        assertEquals("Trần", c.path("name").path("family").asText());
        assertEquals("Thị Bích", c.path("name").path("middle").asText());
        assertEquals("Ngọc", c.path("name").path("given").asText());
        assertEquals("1992-07-30", c.path("birthDate").asText());
        assertEquals("DAY", c.path("birthDatePrecision").asText());
        assertEquals("FEMALE", c.path("sex").asText());
        assertEquals("Việt Nam", c.path("nationality").asText());
        assertEquals("49", c.path("homeTown").path("provinceCode").asText());
        assertEquals("Xã Điện Bàn, tỉnh Quảng Nam", c.path("homeTown").path("detail").asText());
        assertEquals("20220", c.path("permanentAddress").path("communeCode").asText());
        assertEquals("Tổ 33, phường Hội An", c.path("permanentAddress").path("detail").asText());
        assertEquals("20528", c.path("currentAddress").path("communeCode").asText());
        assertEquals("Nguyễn Văn An", c.path("householdHead").path("name").asText());
        assertEquals("049085754323", c.path("householdHead").path("personalId").asText());
        assertEquals("Vợ", c.path("householdHead").path("relationship").asText());
        assertTrue(c.path("alive").asBoolean());
        assertEquals("ALIVE", c.path("lifeStatus").asText());
        assertFalse(c.has("ethnicity"));
        assertFalse(c.has("religion"));
        assertFalse(c.has("bloodGroup"));
        assertFalse(c.has("spouse") || c.has("maritalStatus"));
    }

    /** Ethnicity, religion and blood group come back only for a purpose mappings/ marks sensitive. */
    @Test
    void shouldReturnSensitiveFieldsWhenPurposeNeedsThem() throws Exception {
        JsonNode c = json(lookup(MARRIED, "ETHNIC_MINORITY_SUPPORT"));
        assertEquals("Kinh", c.path("ethnicity").asText());
        assertEquals("Không", c.path("religion").asText());
        assertEquals("O", c.path("bloodGroup").asText());
    }

    /** A record with only a birth year answers the year, and a deceased citizen is not alive. */
    @Test
    void shouldAnswerYearAndDeceasedWhenRecordHasOnlyBirthYear() throws Exception {
        JsonNode c = json(lookup(YEAR_ONLY_DECEASED, "CIVIL_STATUS"));
        assertEquals("1958", c.path("birthDate").asText());
        assertEquals("YEAR", c.path("birthDatePrecision").asText());
        assertFalse(c.path("alive").asBoolean());
        assertEquals("DECEASED", c.path("lifeStatus").asText());
        assertEquals("FEMALE", c.path("sex").asText());
    }

    /** Each broken rule of the ID is a 400 naming the rule, and the database is not asked. */
    @Test
    void shouldRefuseWithRuleWhenPersonalIdInvalid() throws Exception {
        assertRule(lookup("04919275749", "CIVIL_STATUS"), 400, "personal-id.format");
        assertRule(lookup("04919275749X", "CIVIL_STATUS"), 400, "personal-id.format");
        assertRule(lookup("000192757491", "CIVIL_STATUS"), 400, "personal-id.province");
        assertRule(lookup("049892757491", "CIVIL_STATUS"), 400, "personal-id.century");
        assertEquals(0, POPULATION.calls());
    }

    /** Officer and purpose are required, the purpose must be listed, a dossier code must be well formed. */
    @Test
    void shouldRefuseWhenOfficerOrPurposeOrDossierInvalid() throws Exception {
        assertRule(get("/api/v1/citizens/" + MARRIED, KEY, "X-Purpose", "CIVIL_STATUS"), 400, "officer.required");
        assertRule(get("/api/v1/citizens/" + MARRIED, KEY, "X-Officer-Id", "cb"), 400, "purpose.required");
        assertRule(get("/api/v1/citizens/" + MARRIED, KEY, "X-Officer-Id", "cb", "X-Purpose", "CURIOSITY"), 422, "purpose.unknown");
        assertRule(get("/api/v1/citizens/" + MARRIED, KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS",
                "X-Dossier-Code", "HS-1"), 400, "dossier-code.format");
        assertEquals(0, POPULATION.calls());
    }

    /** A citizen the database does not know (DC404) is a 404. */
    @Test
    void shouldAnswer404WhenDatabaseAnswersDC404() throws Exception {
        HttpResponse<String> r = lookup(UNKNOWN, "CIVIL_STATUS");
        assertEquals(404, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    }

    /** DC400 is a 400, DC401 a 502 (and an alarm in the log). */
    @Test
    void shouldMapPermanentFaultsWhenDatabaseRefuses() throws Exception {
        POPULATION.addFault(SimFault.fault("DC400", 1));
        assertEquals(400, lookup(MARRIED, "CIVIL_STATUS").statusCode());
        POPULATION.addFault(SimFault.fault("DC401", 1));
        assertEquals(502, lookup(MARRIED, "CIVIL_STATUS").statusCode());
        assertEquals(2, POPULATION.calls());
    }

    /** One DC503 or DC429 is retried once and the lookup succeeds. */
    @Test
    void shouldSucceedWhenTransientFaultHappensOnce() throws Exception {
        POPULATION.addFault(SimFault.fault("DC503", 1));
        assertEquals(200, lookup(MARRIED, "CIVIL_STATUS").statusCode());
        POPULATION.addFault(SimFault.rateLimited(1, 1));
        assertEquals(200, lookup(MARRIED, "CIVIL_STATUS").statusCode());
        assertEquals(4, POPULATION.calls());
    }

    /** DC503 or DC429 twice in a row is a 503 with Retry-After after exactly one retry. */
    @Test
    void shouldAnswer503WithRetryAfterWhenTransientFaultRepeats() throws Exception {
        POPULATION.addFault(SimFault.fault("DC503", 2));
        HttpResponse<String> r = lookup(MARRIED, "CIVIL_STATUS");
        assertEquals(503, r.statusCode());
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
        assertEquals(2, POPULATION.calls());
        POPULATION.addFault(SimFault.fault("DC429", 2));
        assertEquals(503, lookup(MARRIED, "CIVIL_STATUS").statusCode());
    }

    /** A database that drops the connection is a 503, one slower than the timeout a 504. */
    @Test
    void shouldAnswer503WhenDownAnd504WhenSlow() throws Exception {
        POPULATION.addFault(SimFault.down(SimFault.UNTIL_CLEARED));
        HttpResponse<String> down = lookup(MARRIED, "CIVIL_STATUS");
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.headers().firstValue("Retry-After").isPresent());
        POPULATION.clearFaults();
        POPULATION.addFault(SimFault.slow(RESPONSE_TIMEOUT_MS + 700, 1));
        HttpResponse<String> slow = lookup(MARRIED, "CIVIL_STATUS");
        assertEquals(504, slow.statusCode(), slow.body());
    }

    static void assertRule(HttpResponse<String> r, int status, String rule) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode p = json(r);
        assertNotNull(p.get("errors"), r.body());
        boolean named = false;
        for (JsonNode e : p.get("errors")) {
            named |= rule.equals(e.path("rule").asText());
        }
        assertTrue(named, "expected rule " + rule + " in " + r.body());
    }
}
