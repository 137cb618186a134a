package vn.lienthong.gateway.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;
import vn.lienthong.gateway.audit.AuditLog;
import vn.lienthong.gateway.mapping.MappingLoader;
import vn.lienthong.gateway.national.population.PopulationDbClient;

class CitizenLookupApiTest {
    private static final LookupVocabulary SHIPPED = LookupVocabulary.from(MappingLoader.load("file:mappings/"));
    private static final String ID = "048203527601";
    private final PopulationDbClient population = mock(PopulationDbClient.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final CitizenLookupApi api = new CitizenLookupApi(population, audit, () -> SHIPPED, new ObjectMapper(),
            Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    private static ApiRequest.Builder verifying(String body) {
        return ApiRequest.builder("POST").client("onestop").header("X-Officer-Id", "cb-01")
                .header("X-Purpose", "IDENTITY_CHECK").json(body);
    }

    /** A well-formed verification asks the population database and answers its match after writing the audit row. */
    @Test
    void shouldAnswerMatchAndAuditWhenVerificationIsWellFormed() {
        when(population.verify(ID, "cb-01", "Lê Minh Khôi", "20030105")).thenReturn(true);

        ApiReply reply = api.verify(verifying("{\"personalId\":\"" + ID + "\",\"name\":\"Lê Minh Khôi\",\"birthDate\":\"2003-01-05\"}")
                .build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("{\"match\":true}");
        verify(audit).record("onestop", "cb-01", "IDENTITY_CHECK", null, "VERIFY", ID, "MATCH", 200);
    }

    /** A lookup without the officer's header is a 400 naming header and rule, audited as INVALID, never asked. */
    @Test
    void shouldAnswerProblemAndAuditWhenOfficerIsMissing() {
        ApiReply reply = api.lookup(ApiRequest.builder("GET").client("onestop").header("personalId", ID)
                .header("X-Purpose", "IDENTITY_CHECK").build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(Replies.firstError(reply)).isEqualTo("X-Officer-Id officer.required");
        verify(audit).record("onestop", null, "IDENTITY_CHECK", null, "LOOKUP", ID, "INVALID", 400);
        verify(population, never()).lookup(anyString(), any());
    }

    /** A body that is not JSON is answered 415 and still audited, with that status. */
    @Test
    void shouldAuditUnsupportedMediaTypeWhenBodyIsNotJson() {
        ApiReply reply = api.verify(ApiRequest.builder("POST").client("onestop").header("X-Officer-Id", "cb-01")
                .header("X-Purpose", "IDENTITY_CHECK").header("Content-Type", "text/plain").body(new byte[] {'x'}).build());

        assertThat(reply.status()).isEqualTo(415);
        verify(audit).record("onestop", "cb-01", "IDENTITY_CHECK", null, "VERIFY", null, "INVALID", 415);
    }

    /** A sensitive purpose without the sensitive scope is a 403, whatever the rest of the request. */
    @Test
    void shouldForbidWhenSensitivePurposeLacksScope() {
        ApiRequest.Builder sensitive = ApiRequest.builder("GET").client("onestop").header("personalId", ID)
                .header("X-Officer-Id", "cb-01").header("X-Purpose", "ETHNICITY_RECORD")
                .header("X-Dossier-Code", "000.00.12.H47-241124-0002");

        ApiReply reply = api.lookup(sensitive.scopes(Set.of("citizen:read")).build());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(Replies.body(reply).path("detail").asText()).contains(CitizenLookupApi.SENSITIVE_SCOPE);
        verify(population, never()).lookup(anyString(), any());
    }

    /** No citizen data leaves without its audit row: an audit store that fails turns the answer into a 503. */
    @Test
    void shouldAnswerServiceUnavailableWhenAuditCannotBeWritten() {
        when(population.verify(ID, "cb-01", "Lê Minh Khôi", "20030105")).thenReturn(true);
        doThrow(new IllegalStateException("down")).when(audit).record(any(), any(), any(), any(), any(), any(), any(),
                org.mockito.ArgumentMatchers.anyInt());

        ApiReply reply = api.verify(verifying("{\"personalId\":\"" + ID + "\",\"name\":\"Lê Minh Khôi\",\"birthDate\":\"2003-01-05\"}")
                .build());

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.headers()).containsEntry("Retry-After", "5");
        assertThat(reply.text()).doesNotContain("match");
    }
}
