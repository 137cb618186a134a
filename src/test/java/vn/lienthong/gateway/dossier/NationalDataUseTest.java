package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.sandbox.SimFault;
import vn.lienthong.gateway.support.GatewayIntegrationTest;

/**
 * DSKetNoiCSDL says which national databases the gateway itself queried for a dossier: the successful lookups
 * the one-stop system made with the dossier's code, read when the dossier's record is sent.
 */
class NationalDataUseTest extends GatewayIntegrationTest {
    private static final String VERIFY = "{\"personalId\":\"049085754323\",\"name\":\"Nguyễn Văn An\",\"birthDate\":\"1985-03-12\"}";

    @Autowired
    JdbcTemplate jdbc;

    private HttpResponse<String> verify(String dossier) {
        return send(HttpRequest.newBuilder(uri("/api/v1/citizens/verify")).header("Content-Type", "application/json")
                .header("X-API-Key", LOOKUPS_KEY).header("X-Officer-Id", "cb-01").header("X-Purpose", "IDENTITY_CHECK")
                .header("X-Dossier-Code", dossier).POST(HttpRequest.BodyPublishers.ofString(VERIFY)).build());
    }

    private HttpResponse<String> enterprise(String code, String dossier) {
        return send(HttpRequest.newBuilder(uri("/api/v1/enterprises/" + code)).header("X-API-Key", LOOKUPS_KEY)
                .header("X-Dossier-Code", dossier).GET().build());
    }

    /** The record of the dossier's next event, once delivered. */
    private JsonNode recordAfterEvent(String dossier) {
        int before = PORTAL.appliedRecords(dossier).size();
        assertThat(postEvent(event("csdl-" + dossier + "-" + before, dossier, "PROCESSING")).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, before + 1);
        List<JsonNode> applied = PORTAL.appliedRecords(dossier);
        return applied.get(applied.size() - 1);
    }

    /** A citizen verification made with the dossier's code puts the population database's MaCSDL "7" in its record. */
    @Test
    void shouldNamePopulationDatabaseWhenCitizenVerifiedForDossier() {
        String dossier = newDossier();
        assertThat(recordAfterEvent(dossier).get("DSKetNoiCSDL")).isEmpty();
        assertThat(verify(dossier).statusCode()).isEqualTo(200);
        assertThat(recordAfterEvent(dossier).get("DSKetNoiCSDL").toString()).isEqualTo("[{\"MaCSDL\":\"7\"}]");
    }

    /** The databases are read when the record is sent: a verification made after the event was accepted still counts. */
    @Test
    void shouldNamePopulationDatabaseWhenVerifiedBetweenAcceptAndDelivery() {
        String dossier = newDossier();
        engine.dispatcher(NationalPortalDestination.NAME).pause();
        try {
            assertThat(postEvent(event("late-" + dossier, dossier, "RECEIVED")).statusCode()).isEqualTo(202);
            assertThat(verify(dossier).statusCode()).isEqualTo(200);
        } finally {
            engine.dispatcher(NationalPortalDestination.NAME).resume();
        }
        awaitDelivered(dossier, 1);
        assertThat(PORTAL.appliedRecords(dossier).get(0).get("DSKetNoiCSDL").toString()).isEqualTo("[{\"MaCSDL\":\"7\"}]");
    }

    /** A lookup that failed or found nobody used no national data; a lookup for another dossier is not this one's. */
    @Test
    void shouldNotNameDatabaseWhenLookupFailedOrWasForAnotherDossier() {
        String dossier = newDossier();
        POPULATION.addFault(SimFault.fault("DC503", 2)); // busy, and again on the one retry
        assertThat(verify(dossier).statusCode()).isEqualTo(503);
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/api/v1/citizens/049192000001"))
                .header("X-API-Key", LOOKUPS_KEY).header("X-Officer-Id", "cb-01").header("X-Purpose", "IDENTITY_CHECK")
                .header("X-Dossier-Code", dossier).GET().build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(verify(newDossier()).statusCode()).isEqualTo(200);
        assertThat(recordAfterEvent(dossier).get("DSKetNoiCSDL")).isEmpty();
    }

    /**
     * An enterprise lookup made with the dossier's code is recorded for it, with its outcome; the shipped
     * national-databases.yaml has no portal code for the business registry, so the record does not name it yet.
     */
    @Test
    void shouldRecordEnterpriseLookupWhenMadeForDossier() {
        String dossier = newDossier();
        assertThat(enterprise("4059083010", dossier).statusCode()).isEqualTo(200);
        assertThat(enterprise("0100109106", dossier).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForList("SELECT enterprise_code || ' ' || outcome FROM enterprise_lookup WHERE dossier_code = ?"
                + " ORDER BY id", String.class, dossier)).containsExactly("4059083010 FOUND", "0100109106 NOT_FOUND");
        assertThat(recordAfterEvent(dossier).get("DSKetNoiCSDL")).isEmpty();
    }

    /** X-Dossier-Code on an enterprise lookup is checked as on a citizen lookup: 400 naming header and rule. */
    @Test
    void shouldAnswer400WhenEnterpriseLookupDossierCodeMalformed() {
        HttpResponse<String> r = enterprise("4059083010", "H47-1");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("X-Dossier-Code");
        assertThat(json(r).get("errors").get(0).get("rule").asText()).startsWith("dossier-code.");
        assertThat(REGISTRY.requestLines()).noneMatch(l -> l.contains("H47-1"));
    }
}
