package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.support.GatewayIntegrationTest;

/** Bodies a careless or hostile client sends: each a 400 or 413 problem naming the rule, nothing stored. */
class DossierBadInputTest extends GatewayIntegrationTest {
    @Autowired
    DeliveryStore store;

    private HttpResponse<String> postBytes(String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").header("X-API-Key", WRITER_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private void assertRule(HttpResponse<String> r, String rule) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(r).path("errors").get(0).path("rule").asText()).as(r.body()).isEqualTo(rule);
    }

    /** Invalid UTF-8, nesting past the parser's limit and a 1,000-digit number are 400s, not 500s. */
    @Test
    void shouldAnswer400WhenBodyIsNotReadableJson() {
        String d = newDossier();
        byte[] event = event("bad-utf8-" + d, d, "NEW").toString().getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[event.length + 2];
        System.arraycopy(event, 0, broken, 0, event.length - 1);
        broken[event.length - 1] = ',';
        broken[event.length] = '"';
        broken[event.length + 1] = (byte) 0xFF;
        assertRule(postBytes("/api/v1/dossier-events", broken), "json.malformed");
        assertRule(postBytes("/api/v1/dossier-events", ("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes()), "json.limits");
        assertRule(postBytes("/api/v1/dossier-events/batch", ("{\"events\":[" + "7".repeat(1500) + "]}").getBytes()), "json.limits");
        assertThat(get("/api/v1/dossiers/" + d + "/events", WRITER_KEY).statusCode()).isEqualTo(404);
    }

    /** A key twice in one object is refused: the gateway and another reader of the body must not disagree on it. */
    @Test
    void shouldRefuseDuplicateKeysWhenAnyObjectHasThem() {
        String d = newDossier();
        String once = event("dup-" + d, d, "NEW").toString();
        String twice = once.substring(0, once.length() - 1) + ",\"status\":\"FINISHED\"}";
        assertRule(post("/api/v1/dossier-events", WRITER_KEY, twice), "json.duplicate-key");
        assertRule(post("/api/v1/dossier-events/batch", WRITER_KEY, "{\"events\":[" + twice + "]}"), "json.duplicate-key");
        assertThat(get("/api/v1/dossiers/" + d + "/events", WRITER_KEY).statusCode()).isEqualTo(404);
    }

    /** Over the path's limit: 413 on the declared length; the batch path has its own, larger limit. */
    @Test
    void shouldAnswer413WhenBodyExceedsItsPathLimit() {
        String d = newDossier();
        String big = event("big-" + d, d, "NEW").put("note", "x".repeat(300 * 1024)).toString();
        HttpResponse<String> single = post("/api/v1/dossier-events", WRITER_KEY, big);
        assertThat(single.statusCode()).isEqualTo(413);
        assertThat(single.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        // within the batch path's 2 MB: read and judged (the note is too long), not refused for its size
        assertThat(post("/api/v1/dossier-events/batch", WRITER_KEY, "{\"events\":[" + big + "]}").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/dossiers/" + d + "/events", WRITER_KEY).statusCode()).isEqualTo(404);
    }

    /** A remote error text that echoes a personal ID, a name or an e-mail is kept masked in lastError. */
    @Test
    void shouldMaskLastErrorWhenRemoteEchoesPersonalData() {
        String d = newDossier();
        engine.dispatcher(NationalPortalDestination.NAME).pause();
        assertThat(postEvent(event("err-" + d, d, "NEW")).statusCode()).isEqualTo(202);
        List<StoredEvent> claimed = store.claim(NationalPortalDestination.NAME, 100, "test", Duration.ofSeconds(30));
        StoredEvent e = claimed.stream().filter(x -> x.partitionKey().equals(d)).findFirst().orElseThrow();
        store.markFailed(e, DeliveryState.DEAD, java.time.OffsetDateTime.now(), "DongBoHoSoMC error_code 11 (ChuHoSo 049085754323"
                + " {\"HoTen\":\"Nguyễn Văn An\"} an@example.vn)", true);
        claimed.stream().filter(x -> x != e).forEach(x -> store.markFailed(x, DeliveryState.QUEUED, java.time.OffsetDateTime.now(), null, false));
        String lastError = eventsOf(d).get(0).get("lastError").asText();
        assertThat(lastError).contains("049******323").doesNotContain("049085754323", "Nguyễn Văn An", "an@example.vn");
    }
}
