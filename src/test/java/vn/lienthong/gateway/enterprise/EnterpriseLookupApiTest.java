package vn.lienthong.gateway.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;
import vn.lienthong.gateway.audit.EnterpriseLookupLog;
import vn.lienthong.gateway.citizen.LookupVocabulary;
import vn.lienthong.gateway.mapping.MappingLoader;
import vn.lienthong.gateway.national.guard.NationalFailure;

class EnterpriseLookupApiTest {
    private static final LookupVocabulary SHIPPED = LookupVocabulary.from(MappingLoader.load("file:mappings/"));
    private static final String DOSSIER = "000.00.12.H47-241124-0002";
    private final EnterpriseLookupService service = mock(EnterpriseLookupService.class);
    private final EnterpriseLookupLog lookups = mock(EnterpriseLookupLog.class);
    private final EnterpriseLookupApi api = new EnterpriseLookupApi(service, () -> SHIPPED, lookups);

    private static ApiRequest lookup(String code) {
        return ApiRequest.builder("GET").client("onestop").header("enterpriseCode", code).header("X-Dossier-Code", DOSSIER).build();
    }

    /** An enterprise the registry does not hold is a 404, and the lookup is recorded for the dossier that named it. */
    @Test
    void shouldRecordLookupForDossierWhenEnterpriseIsNotFound() {
        when(service.find("4059083010")).thenReturn(Optional.empty());

        ApiReply reply = api.lookup(lookup("4059083010"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(Replies.body(reply).path("detail").asText()).isEqualTo("the business registry has no enterprise 4059083010");
        verify(lookups).record("onestop", DOSSIER, "4059083010", "NOT_FOUND");
    }

    /** A registry that cannot be asked now is a 503 with the registry's own Retry-After. */
    @Test
    void shouldAnswerServiceUnavailableWithRetryAfterWhenRegistryIsDown() {
        when(service.find("4059083010")).thenThrow(new NationalFailure("business registry", NationalFailure.Kind.UNAVAILABLE,
                null, 30, "down", null));

        ApiReply reply = api.lookup(lookup("4059083010"));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.headers()).containsEntry("Retry-After", "30");
        verify(lookups).record("onestop", DOSSIER, "4059083010", "UNAVAILABLE");
    }

    /** A code that is not 10 digits is a 400 naming parameter and rule; the registry is not asked. */
    @Test
    void shouldAnswerProblemWhenEnterpriseCodeIsMalformed() {
        ApiReply reply = api.lookup(lookup("12345"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Replies.firstError(reply)).isEqualTo("enterpriseCode enterprise-code.format");
        verify(service, never()).find(anyString());
    }
}
