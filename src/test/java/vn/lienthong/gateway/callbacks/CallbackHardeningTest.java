package vn.lienthong.gateway.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What a captured, forged or malformed callback cannot do. */
class CallbackHardeningTest extends CallbacksTestSupport {

    private static void assertProblem(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.body());
    }

    /** A captured callback sent again within the window under a new message id is refused (409); the first stays one. */
    @Test
    void shouldRefuseReplayWhenSameSignedBodyComesUnderAnotherMessageId() {
        ObjectNode c = sample("rut-hoso");
        ((ObjectNode) c.get("DuLieu")).put("MaHoSo", dossier());
        String body = c.toString();
        long ts = now();
        String first = "msg-replay-" + UUID.randomUUID();
        String second = "msg-replay-" + UUID.randomUUID();
        assertEquals(200, post(body, first, SECRET, ts).statusCode());
        assertEquals(200, post(body, first, SECRET, ts).statusCode(), "the portal's own repeat, same message id");
        assertProblem(409, post(body, second, SECRET, ts));
        assertTrue(store.findByKey(CallbackTranslator.SOURCE, first).isPresent());
        assertTrue(store.findByKey(CallbackTranslator.SOURCE, second).isEmpty());
    }

    /** A rating whose DiemDanhGia is a number too big for a long does not wrap round to a valid score. */
    @Test
    void shouldRefuseRatingWhenScoreIsHuge() throws Exception {
        for (String score : new String[] {"18446744073709551619", "4294967299", "-18446744073709551615"}) {
            String id = "msg-score-" + UUID.randomUUID();
            String body = sample("danh-gia").toString().replaceFirst("\"DiemDanhGia\":\\s*\\d+", "\"DiemDanhGia\":" + score);
            HttpResponse<String> r = post(body, id, SECRET, now());
            assertProblem(400, r);
            assertEquals("rating.range", JSON.readTree(r.body()).path("errors").get(0).path("rule").asText(), body);
            assertTrue(store.findByKey(CallbackTranslator.SOURCE, id).isEmpty());
        }
    }

    /**
     * Invalid UTF-8, nesting past the limit, a 1,000-digit number and a key twice are each a 400 problem when signed,
     * a 401 when not, and nothing is stored.
     */
    @Test
    void shouldRefuseMalformedBodiesWhenSignedOrNot() throws Exception {
        byte[][] bodies = {
                {'{', '"', 'L', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                ("[".repeat(2000) + "]".repeat(2000)).getBytes(StandardCharsets.UTF_8),
                ("{\"LoaiThongBao\":\"DANH_GIA\",\"DuLieu\":{\"DiemDanhGia\":" + "9".repeat(1200) + "}}").getBytes(StandardCharsets.UTF_8),
                "{\"LoaiThongBao\":\"DANH_GIA\",\"LoaiThongBao\":\"RUT_HOSO\",\"DuLieu\":{}}".getBytes(StandardCharsets.UTF_8)};
        String[] rules = {"json.malformed", "json.limits", "json.limits", "json.duplicate-key"};
        for (int i = 0; i < bodies.length; i++) {
            String id = "msg-malformed-" + UUID.randomUUID();
            HttpResponse<String> signed = post(bodies[i], id, SECRET, now());
            assertEquals(400, signed.statusCode(), "body " + i + ": " + signed.body());
            assertProblem(400, signed);
            assertEquals(rules[i], JSON.readTree(signed.body()).path("errors").get(0).path("rule").asText(), signed.body());
            assertProblem(401, post(bodies[i], id + "-u", null, now()));
            assertTrue(store.findByKey(CallbackTranslator.SOURCE, id).isEmpty());
        }
    }

    /**
     * An anonymous body far over the limit is refused 413 on its declared length, and a chunked one (no length) as soon
     * as it passes the limit: the gateway answers while the client is still sending, having read a few KB of it; what
     * the client manages to write meanwhile is what the sockets' buffers hold, far below the 64 MB it tries.
     */
    @Test
    void shouldRefuseLargeBodyBeforeReadingItWhenAnonymous() throws Exception {
        long[] written = {0};
        String status;
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/portal/callbacks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread sender = new Thread(() -> {
                byte[] chunk = (Integer.toHexString(65536) + "\r\n" + " ".repeat(65536) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (written[0] < 64L * 1024 * 1024) {
                        out.write(chunk);
                        written[0] += 65536;
                    }
                } catch (java.io.IOException closed) {
                    // the gateway closed the connection after its answer
                }
            });
            sender.setDaemon(true);
            sender.start();
            status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
        assertEquals("HTTP/1.1 413 ", status.substring(0, Math.min(status.length(), 13)), status);
        assertTrue(written[0] < 32L * 1024 * 1024, "the client could write " + written[0] + " bytes before the answer");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest declared = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/portal/callbacks"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])).build();
        try {
            assertProblem(413, http.send(declared, HttpResponse.BodyHandlers.ofString()));
        } catch (java.io.IOException closedWhileSending) {
            // refused before the client finished sending
        }
    }
}
