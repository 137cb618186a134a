package vn.lienthong.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.LookupsTestSupport;
import vn.lienthong.gateway.ops.Alarms;

/** What a key may reach, whatever method or path it tries, and how much of it. */
class AccessControlTest extends LookupsTestSupport {
    static final String ID = "049192757491";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Alarms gatewayAlarms;

    private HttpResponse<String> send(String method, String path, String key, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** HEAD on a lookup runs nothing: it is denied on the API to every key, with or without the scope, and to no key. */
    @Test
    void shouldRefuseHeadWhenLookupWouldRunTheGetHandler() throws Exception {
        String[] ctx = {"X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS"};
        assertEquals(403, send("HEAD", "/api/v1/citizens/" + ID, WRITER_ONLY_KEY, ctx).statusCode());
        assertEquals(403, send("HEAD", "/api/v1/citizens/" + ID, KEY, ctx).statusCode());
        assertEquals(403, send("HEAD", "/api/v1/citizens/" + ID, null, ctx).statusCode());
        assertEquals(403, send("HEAD", "/api/v1/enterprises/4059083010", WRITER_ONLY_KEY).statusCode());
        assertEquals(0, POPULATION.calls());
        assertEquals(0, REGISTRY.calls());
    }

    /** Every method on a guarded path needs its scope, and a path no rule names is denied, not served. */
    @Test
    void shouldDenyWhenMethodOrPathIsNotGranted() throws Exception {
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH")) {
            assertEquals(403, send(method, "/api/v1/citizens/" + ID, WRITER_ONLY_KEY).statusCode(), method);
            assertEquals(403, send(method, "/admin/destinations", KEY).statusCode(), method);
        }
        assertEquals(403, send("GET", "/api/v2/anything", KEY).statusCode());
        assertEquals(403, send("GET", "/api/v2/anything", null).statusCode());
        assertEquals(403, send("GET", "/api/v1/portal/callbacks", null).statusCode());
        assertEquals(401, send("GET", "/api/v1/citizens/" + ID, null).statusCode());
        assertEquals(0, POPULATION.calls());
    }

    /** Neither a 403 nor a 404 (a trailing slash) repeats the personal ID of the path. */
    @Test
    void shouldNotEchoThePersonalIdWhenRefusing() throws Exception {
        HttpResponse<String> forbidden = send("GET", "/api/v1/citizens/" + ID, WRITER_ONLY_KEY);
        assertEquals(403, forbidden.statusCode());
        assertFalse(forbidden.body().contains(ID), forbidden.body());
        HttpResponse<String> slash = send("GET", "/api/v1/citizens/" + ID + "/", KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS");
        assertEquals(404, slash.statusCode(), slash.body());
        assertEquals("application/problem+json", slash.headers().firstValue("Content-Type").orElse(""));
        assertFalse(slash.body().contains(ID), slash.body());
        assertEquals(0, POPULATION.calls());
    }

    /** A sensitive purpose needs the sensitive scope: a key without it is refused (403, audited), nothing is asked. */
    @Test
    void shouldRefuseSensitiveFieldsWhenKeyLacksTheScope() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/citizens/" + ID, PLAIN_KEY, "X-Officer-Id", "cb",
                "X-Purpose", "ETHNIC_MINORITY_SUPPORT", "X-Dossier-Code", DOSSIER);
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("citizen:read-sensitive"), r.body());
        assertEquals(0, POPULATION.calls());
        assertEquals("FORBIDDEN", jdbc.queryForObject("SELECT outcome FROM lookup_audit WHERE client_id = 'test-plain'"
                + " ORDER BY id DESC FETCH FIRST 1 ROW ONLY", String.class));
        HttpResponse<String> plain = send("GET", "/api/v1/citizens/" + ID, PLAIN_KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS");
        assertEquals(200, plain.statusCode(), plain.body());
        assertFalse(json(plain).has("ethnicity"));
    }

    /** A sensitive purpose needs a dossier: without X-Dossier-Code it is a 400, even with the scope. */
    @Test
    void shouldRefuseSensitiveFieldsWhenNoDossierIsNamed() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/citizens/" + ID, KEY, "X-Officer-Id", "cb", "X-Purpose", "RELIGIOUS_ACTIVITY");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("dossier-code.required", json(r).path("errors").get(0).path("rule").asText());
        assertEquals(0, POPULATION.calls());
    }

    /** A client over its own request rate is answered 429 with Retry-After, before anything runs. */
    @Test
    void shouldAnswer429WhenClientExceedsItsRate() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = send("GET", "/api/v1/citizens/04919275749", HARVESTER_KEY, "X-Officer-Id", "cb",
                    "X-Purpose", "CIVIL_STATUS");
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            }
        }
        assertTrue(statuses.contains(429), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 400 || s == 429), statuses.toString());
    }

    /** A client's lookups of the last hour over its threshold raise the lookup_volume alarm for that client. */
    @Test
    void shouldRaiseVolumeAlarmWhenClientLooksUpMoreThanItsThreshold() throws Exception {
        for (int i = 0; i < 2; i++) {
            send("GET", "/api/v1/citizens/" + ID, HARVESTER_KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS");
            Thread.sleep(1100); // within the client's rate
        }
        gatewayAlarms.check();
        assertTrue(gatewayAlarms.isRaised(Alarms.LOOKUP_VOLUME, "test-harvester"));
        assertFalse(gatewayAlarms.isRaised(Alarms.LOOKUP_VOLUME, "test-onestop"));
    }

    /** A path value longer than the audit's masked column is a 400 each time (audited as not an ID), never a 503. */
    @Test
    void shouldAnswer400WhenPathValueIsLongerThanTheAuditColumn() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = send("GET", "/api/v1/citizens/0491927574910000000000", KEY, "X-Officer-Id", "cb",
                    "X-Purpose", "CIVIL_STATUS");
            assertEquals(400, r.statusCode(), r.body());
        }
        assertEquals("(not an ID)", jdbc.queryForObject("SELECT subject_masked FROM lookup_audit ORDER BY id DESC FETCH FIRST 1 ROW ONLY",
                String.class));
        assertEquals(0, POPULATION.calls());
    }
}
