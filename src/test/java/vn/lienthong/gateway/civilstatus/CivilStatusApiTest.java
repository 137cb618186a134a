package vn.lienthong.gateway.civilstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Replies;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.mapping.MappingLoader;

class CivilStatusApiTest {
    private static final CivilStatusVocabulary SHIPPED = CivilStatusVocabulary.from(MappingLoader.load("file:mappings/"));
    private static final String FILE_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private final CivilStatusProperties cfg = new CivilStatusProperties();
    private final Dossiers dossiers = mock(Dossiers.class);
    private final FileCatalog catalog = mock(FileCatalog.class);
    private final FileStore files = mock(FileStore.class);
    private final CivilStatusApi api;

    CivilStatusApiTest() {
        cfg.setEnabled(true);
        cfg.getFiles().setPublicBaseUrl("https://gateway.example/");
        api = new CivilStatusApi(cfg, () -> SHIPPED, dossiers, catalog, files, mock(DeliveryStore.class),
                mock(DeliveryEngine.class), new ObjectMapper(), Clock.systemUTC());
    }

    /** A stored file of a dossier is streamed unread, with its type, length, name and checksum. */
    @Test
    void shouldStreamFileWithItsHeadersWhenFileBelongsToDossier() throws Exception {
        StoredFile f = new StoredFile(FILE_ID, 1, "FORM", "tờ khai.pdf", "application form", "application/pdf", 3, "abc123", "disk");
        InputStream content = new ByteArrayInputStream(new byte[] {1, 2, 3});
        when(catalog.find(FILE_ID)).thenReturn(Optional.of(f));
        when(catalog.dossierOf(FILE_ID)).thenReturn(Optional.of("G22.99-241124-0001"));
        when(files.open(FILE_ID)).thenReturn(content);

        ApiReply reply = api.file(ApiRequest.builder("GET").client("onestop").header("fileId", FILE_ID).build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo("application/pdf");
        assertThat(reply.contentLength()).isEqualTo(3);
        assertThat(reply.body()).isSameAs(content);
        assertThat(reply.headers()).containsEntry("Content-Disposition", "attachment; filename*=UTF-8''t%E1%BB%9D%20khai.pdf")
                .containsEntry("X-Checksum-SHA256", "abc123");
    }

    /** A report with a malformed portal code is a 400 naming field and rule; nothing is stored. */
    @Test
    void shouldAnswerProblemWhenPortalCodeIsMalformed() throws Exception {
        ApiReply reply = api.status(ApiRequest.builder("POST").client("onestop").json(
                "{\"eventId\":\"e-1\",\"portalCode\":\"bad code!\",\"oneStopCode\":\"x\",\"occurredAt\":\"2026-06-01T08:00:00+07:00\","
                        + "\"status\":\"RECEIVED\"}").build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Replies.errors(reply)).contains("portalCode portal-code.format");
        verify(dossiers, never()).storeReport(any(), any(), any());
    }

    /** With the flow off every call is a 404 saying which setting. */
    @Test
    void shouldAnswerNotFoundWhenFlowIsOff() throws Exception {
        cfg.setEnabled(false);

        ApiReply reply = api.file(ApiRequest.builder("GET").client("onestop").header("fileId", FILE_ID).build());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(Replies.body(reply).path("detail").asText()).isEqualTo("gateway.civil-status.enabled is false");
    }
}
