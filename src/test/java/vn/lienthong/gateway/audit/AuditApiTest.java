package vn.lienthong.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;

class AuditApiTest {
    private final AuditLog log = mock(AuditLog.class);
    private final AuditApi api = new AuditApi(log, new ObjectMapper(), 50);

    /** A person's accesses are listed with the ID masked, and the store is asked for at most the configured rows. */
    @Test
    void shouldListAccessesWithMaskedSubjectWhenPersonalIdIsWellFormed() {
        when(log.accessesTo("048203527601", 50)).thenReturn(List.of(new AuditEntry(Instant.parse("2026-01-02T03:04:05Z"),
                "onestop", "cb-01", "CIVIL_STATUS", null, "LOOKUP", "hash", "048******601", "FOUND", 200, "c-1")));

        ApiReply reply = api.subjectAccess(ApiRequest.builder("GET").header("personalId", "048203527601").build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo("application/json");
        JsonNode body = Replies.body(reply);
        assertThat(body.path("subject").asText()).isEqualTo("048******601");
        assertThat(body.path("count").asInt()).isEqualTo(1);
        assertThat(body.path("accesses").path(0).path("officer").asText()).isEqualTo("cb-01");
        assertThat(reply.text()).doesNotContain("048203527601");
    }

    /** A personal ID that is not 12 digits is a 400 naming the parameter and its rule, and nothing is read. */
    @Test
    void shouldAnswerProblemWhenPersonalIdIsMalformed() {
        ApiReply reply = api.subjectAccess(ApiRequest.builder("GET").header("personalId", "04820352760x").build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(Replies.firstError(reply)).isEqualTo("personalId personal-id.format");
        verify(log, never()).accessesTo(anyString(), anyInt());
    }
}
