package vn.lienthong.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.LookupsTestSupport;
import vn.lienthong.gateway.sandbox.SimFault;

class AuditTest extends LookupsTestSupport {
    static final String ID = "048203527601";

    @Autowired
    JdbcTemplate jdbc;

    List<Map<String, Object>> rows() {
        return jdbc.queryForList("SELECT * FROM lookup_audit WHERE subject_masked = '048******601' ORDER BY id");
    }

    /** Each lookup and verification writes one row, failures included, with hash and masked ID but never the ID. */
    @Test
    void shouldWriteOneRowPerLookupWhenSucceedingOrFailing() throws Exception {
        int before = rows().size();
        get("/api/v1/citizens/" + ID, KEY, "X-Officer-Id", "cb-audit", "X-Purpose", "CIVIL_STATUS",
                "X-Dossier-Code", "000.00.12.H47-241124-0002");
        POPULATION.addFault(SimFault.down(SimFault.UNTIL_CLEARED));
        get("/api/v1/citizens/" + ID, KEY, "X-Officer-Id", "cb-audit", "X-Purpose", "CIVIL_STATUS");
        POPULATION.clearFaults();
        get("/api/v1/citizens/" + ID, KEY, "X-Officer-Id", "cb-audit", "X-Purpose", "NOPE");
        post("/api/v1/citizens/verify", KEY, "{\"personalId\":\"" + ID + "\",\"name\":\"Lê Minh Khôi\",\"birthDate\":\"2003-01-05\"}",
                "X-Officer-Id", "cb-audit", "X-Purpose", "IDENTITY_CHECK");
        List<Map<String, Object>> rows = rows().subList(before, rows().size());
        assertEquals(4, rows.size());
        assertEquals("FOUND", rows.get(0).get("OUTCOME"));
        assertEquals("000.00.12.H47-241124-0002", rows.get(0).get("DOSSIER_CODE"));
        assertEquals("test-onestop", rows.get(0).get("CLIENT_ID"));
        assertEquals("cb-audit", rows.get(0).get("OFFICER_ID"));
        assertEquals("CIVIL_STATUS", rows.get(0).get("PURPOSE"));
        assertEquals("LOOKUP", rows.get(0).get("OPERATION"));
        assertEquals(64, rows.get(0).get("SUBJECT_HASH").toString().length());
        assertEquals("UNAVAILABLE", rows.get(1).get("OUTCOME"));
        assertEquals(503, rows.get(1).get("HTTP_STATUS"));
        assertEquals("INVALID", rows.get(2).get("OUTCOME"));
        assertEquals("MATCH", rows.get(3).get("OUTCOME"));
        assertEquals("VERIFY", rows.get(3).get("OPERATION"));
        for (Map<String, Object> row : rows) {
            assertFalse(row.toString().contains(ID), "a row holds the whole ID: " + row);
        }
    }

    /** The subject's right to know: /admin/audit lists who accessed the person's data, when and why. */
    @Test
    void shouldListAccessesWhenAdminAsksForSubject() throws Exception {
        get("/api/v1/citizens/" + ID, KEY, "X-Officer-Id", "cb-right-to-know", "X-Purpose", "RESIDENCE_REGISTRATION",
                "X-Correlation-Id", "corr-right-to-know");
        HttpResponse<String> r = get("/admin/audit?personalId=" + ID, ADMIN_KEY);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode a = json(r);
        assertEquals("048******601", a.path("subject").asText());
        JsonNode newest = a.path("accesses").get(0);
        assertEquals("cb-right-to-know", newest.path("officer").asText());
        assertEquals("RESIDENCE_REGISTRATION", newest.path("purpose").asText());
        assertEquals("test-onestop", newest.path("client").asText());
        assertEquals("corr-right-to-know", newest.path("correlationId").asText(), "the request's correlation id, as in its logs");
        assertTrue(newest.has("at"));
        assertEquals(403, get("/admin/audit?personalId=" + ID, KEY).statusCode());
    }

    /** When the audit row cannot be written the citizen's data is not answered: 503. */
    @Test
    void shouldAnswer503WhenAuditWriteFails() throws Exception {
        jdbc.execute("ALTER TABLE lookup_audit RENAME TO lookup_audit_off");
        try {
            HttpResponse<String> r = get("/api/v1/citizens/" + ID, KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS");
            assertEquals(503, r.statusCode(), r.body());
            assertFalse(r.body().contains("Khôi"), r.body());
            assertTrue(r.headers().firstValue("Retry-After").isPresent());
        } finally {
            jdbc.execute("ALTER TABLE lookup_audit_off RENAME TO lookup_audit");
        }
    }
}
