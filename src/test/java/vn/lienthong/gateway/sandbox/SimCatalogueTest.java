package vn.lienthong.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated catalogue services: the shapes of procedure-catalogue.md, the same catalogue every run, and refusals. */
class SimCatalogueTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static PortalSimulator portal;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalSimulator(0, "gw", "secret").start();
        session = post("/auth", null, "{\"username\":\"gw\",\"password\":\"secret\"}", "DST").get("session").asText();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @BeforeEach
    void reset() {
        portal.catalogue().reset();
    }

    private static JsonNode post(String path, String query, String body, String dstcode) throws Exception {
        HttpResponse<String> r = send(path, query, body, dstcode);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(String path, String query, String body, String dstcode) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(portal.baseUrl() + path + (query == null ? "" : "?" + query)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (dstcode != null) {
            b.header("dstcode", dstcode);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode envelope(String service) {
        return JSON.createObjectNode().put("session", session).put("madonvi", "000.00.00.H47").put("service", service);
    }

    private static JsonNode call(ObjectNode body) throws Exception {
        return post("/integration", null, body.toString(), "DST");
    }

    /**
     * LayDanhSachTTHC lists 2,020 distinct codes (d.dddddd, a quarter with the agency suffix), 2,000 published, and
     * LayThuTuc answers each in full; two simulators with the same seed serve the same catalogue.
     */
    @Test
    void shouldServeTheSameRealisticCatalogueWhenSeedIsTheSame() throws Exception {
        JsonNode list = call(envelope(SimCatalogue.LIST));
        assertThat(list.get("error_code").asInt()).isZero();
        assertThat(list.get("result")).hasSize(SimCatalogue.DEFAULT_SIZE);
        Set<String> codes = new HashSet<>();
        list.get("result").forEach(e -> codes.add(e.get("MATTHC").asText()));
        assertThat(codes).hasSize(SimCatalogue.DEFAULT_SIZE).allMatch(c -> c.matches("\\d\\.\\d{6}(\\.000\\.00\\.00\\.H47)?"));
        assertThat(codes.stream().filter(c -> c.length() > 8).count()).isBetween(400L, 600L);
        assertThat(portal.catalogue().publishedCodes()).hasSize(2000);
        JsonNode p = call(envelope(SimCatalogue.PROCEDURE).put("maTTHC", "1.003560")).get("result").get(0);
        for (String field : List.of("ID", "MATTHC", "TENTTHC", "TRANGTHAI", "LINHVUCTHUCHIEN", "CAPTHUCHIEN", "CACHTHUCTHUCHIEN",
                "THANHPHANHOSO", "KETQUATHUCHIEN", "CANCUPHAPLY", "COQUANTHUCHIEN", "TTHCLIENQUAN")) {
            assertThat(p.has(field)).as(field).isTrue();
        }
        assertThat(p.get("TENTTHC").asText()).isEqualTo("Cấp giấy phép xây dựng đối với công trình cấp III, cấp IV");
        assertThat(p.at("/LINHVUCTHUCHIEN/0/MALINHVUC").asText()).isEqualTo("G13-XD05");
        assertThat(p.findValues("MAGIAYTO")).isNotEmpty();
        assertThat(p.findValues("MAKETQUA")).isNotEmpty();
        try (PortalSimulator other = new PortalSimulator(0, "gw", "secret").start()) {
            assertThat(other.catalogue().listedCodes()).isEqualTo(portal.catalogue().listedCodes());
            String code = portal.catalogue().listedCodes().get(1234);
            assertThat(other.catalogue().procedure(code)).isEqualTo(portal.catalogue().procedure(code));
        }
        assertThat(call(envelope(SimCatalogue.DOMAINS)).get("result")).hasSize(40);
        assertThat(call(envelope(SimCatalogue.AGENCIES)).get("result")).hasSize(15);
    }

    /** Numbers come as text and as numbers, and the form link as URL and as Url, as the portal's peers disagree. */
    @Test
    void shouldVaryScalarTypesWhenServingProcedures() {
        Set<String> kinds = new HashSet<>();
        boolean url = false;
        boolean lowerUrl = false;
        for (String code : portal.catalogue().listedCodes().subList(0, 60)) {
            ObjectNode p = portal.catalogue().procedure(code);
            kinds.add("TRANGTHAI:" + p.get("TRANGTHAI").getNodeType());
            p.findValues("KENH").forEach(k -> kinds.add("KENH:" + k.getNodeType()));
            p.findValues("SOTIEN").forEach(k -> kinds.add("SOTIEN:" + k.getNodeType()));
            url |= !p.findValues("URL").isEmpty();
            lowerUrl |= !p.findValues("Url").isEmpty();
        }
        assertThat(kinds).contains("TRANGTHAI:STRING", "TRANGTHAI:NUMBER", "KENH:STRING", "KENH:NUMBER", "SOTIEN:STRING",
                "SOTIEN:NUMBER");
        assertThat(url && lowerUrl).isTrue();
    }

    /** A field the service does not take, a missing madonvi or maTTHC, LayThuTuc on /share: error_code 14; unknown code: empty. */
    @Test
    void shouldRefuseMalformedRequestsWhenEnvelopeIsWrong() throws Exception {
        assertThat(call(envelope(SimCatalogue.LIST).put("data", "x")).get("error_code").asInt()).isEqualTo(14);
        ObjectNode noAgency = envelope(SimCatalogue.LIST);
        noAgency.remove("madonvi");
        assertThat(call(noAgency).get("error_code").asInt()).isEqualTo(14);
        assertThat(call(envelope(SimCatalogue.PROCEDURE)).get("error_code").asInt()).isEqualTo(14);
        assertThat(call(envelope(SimCatalogue.PROCEDURE).put("maTTHC", 1)).get("error_code").asInt()).isEqualTo(14);
        assertThat(post("/share", null, envelope(SimCatalogue.PROCEDURE).put("maTTHC", "1.001612").toString(), "DST")
                .get("error_code").asInt()).isEqualTo(14);
        assertThat(post("/share", null, envelope(SimCatalogue.LIST).toString(), "DST").get("result")).hasSize(SimCatalogue.DEFAULT_SIZE);
        JsonNode unknown = call(envelope(SimCatalogue.PROCEDURE).put("maTTHC", "9.999999"));
        assertThat(unknown.get("error_code").asInt()).isZero();
        assertThat(unknown.get("result")).isEmpty();
        assertThat(send("/integration", "connectTimeout=1000", envelope(SimCatalogue.LIST).toString(), "DST").statusCode()).isEqualTo(404);
        assertThat(send("/integration", null, envelope(SimCatalogue.LIST).toString(), null).statusCode()).isEqualTo(400);
        assertThat(call(envelope(SimCatalogue.LIST).put("session", "stale")).get("error_code").asInt()).isEqualTo(-2);
        SimCatalogue.Request last = portal.catalogue().requests().get(portal.catalogue().requests().size() - 1);
        assertThat(last.errorCode()).isEqualTo("-2");
        assertThat(portal.calls()).as("catalogue calls are kept apart from calls()").isEmpty();
    }

    /** The catalogue switches answer once each (times 1), then the catalogue answers normally again. */
    @Test
    void shouldAnswerFaultThenRecoverWhenCatalogueFaultSet() throws Exception {
        String code = "1.001612";
        portal.catalogue().addFault(CatalogueFault.procedure(CatalogueFault.Mode.MALFORMED, code).withTimes(1));
        portal.catalogue().addFault(CatalogueFault.service(CatalogueFault.Mode.EMPTY, SimCatalogue.LIST).withTimes(1));
        portal.catalogue().addFault(CatalogueFault.service(CatalogueFault.Mode.ERROR, SimCatalogue.DOMAINS).withTimes(1).withErrorCode(99));
        assertThat(call(envelope(SimCatalogue.PROCEDURE).put("maTTHC", code)).at("/result/0/THANHPHANHOSO").isTextual()).isTrue();
        assertThat(call(envelope(SimCatalogue.PROCEDURE).put("maTTHC", code)).at("/result/0/THANHPHANHOSO").isArray()).isTrue();
        assertThat(call(envelope(SimCatalogue.LIST)).get("result")).isEmpty();
        assertThat(call(envelope(SimCatalogue.LIST)).get("result")).hasSize(SimCatalogue.DEFAULT_SIZE);
        assertThat(call(envelope(SimCatalogue.DOMAINS)).get("error_code").asInt()).isEqualTo(99);
        assertThat(call(envelope(SimCatalogue.DOMAINS)).get("error_code").asInt()).isZero();
    }

    /** With paging on, a list service takes page and pageSize and answers that page; without them it refuses. */
    @Test
    void shouldAnswerPagesWhenPagingIsOn() throws Exception {
        portal.catalogue().paging(true);
        assertThat(call(envelope(SimCatalogue.LIST)).get("error_code").asInt()).isEqualTo(14);
        assertThat(call(envelope(SimCatalogue.LIST).put("page", "3").put("pageSize", "1000")).get("result")).hasSize(20);
        assertThat(call(envelope(SimCatalogue.LIST).put("page", "1").put("pageSize", "1000")).get("result")).hasSize(1000);
    }
}
