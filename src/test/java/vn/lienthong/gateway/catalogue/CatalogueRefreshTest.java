package vn.lienthong.gateway.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.delivery.RequestHash;
import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.ops.Alarms;
import vn.lienthong.gateway.ops.GatewayMetrics;
import vn.lienthong.gateway.ops.NationalSystems;
import vn.lienthong.gateway.ops.OpsProperties;
import vn.lienthong.gateway.sandbox.CatalogueFault;
import vn.lienthong.gateway.sandbox.PortalFault;
import vn.lienthong.gateway.sandbox.SimCatalogue;
import vn.lienthong.gateway.support.GatewayIntegrationTest;

/**
 * The catalogue refreshed from the portal simulator's 2,020 procedures, as an administrator and the one-stop
 * system see it: what is stored, what a second refresh reports, withdrawn and unknown codes, a portal that is
 * down or answers badly, the exact requests the portal receives, and the operator's views.
 */
class CatalogueRefreshTest extends GatewayIntegrationTest {
    private static final SimCatalogue SIM = PORTAL.catalogue();

    @Autowired
    DataSource dataSource;
    @Autowired
    CatalogueProperties catalogueProperties;
    @Autowired
    MeterRegistry meterRegistry;
    @Autowired
    CatalogueStatus catalogueStatus;
    @Autowired
    CatalogueControl catalogueControl;
    @Autowired
    vn.lienthong.gateway.delivery.DeliveryEngine deliveryEngine;
    @Autowired
    GatewayMetrics gatewayMetrics;
    @Autowired
    NationalSystems nationalSystems;

    /** The test changes the simulated portal or the settings: the copy is refreshed back afterwards. */
    private boolean changed;

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    private void changing() {
        changed = true;
    }

    /** Puts the simulated portal and the gateway's copy back as every other test expects them. */
    @AfterEach
    void restoreCatalogue() {
        if (!changed) {
            return;
        }
        SIM.reset();
        PORTAL.clearFaults();
        nationalPortalGuard.breaker().reset();
        catalogueProperties.setSharePath(null);
        catalogueProperties.setPageSize(0);
        RefreshReport r = catalogueRefresh.refresh(CatalogueRefresh.Trigger.ADMIN);
        assertThat(r.outcome()).as(r.summary()).isEqualTo(RefreshReport.Outcome.OK);
    }

    /** Published generated codes past the six fixed ones, so the walkthrough's procedures are never touched. */
    private static List<String> generated(int n) {
        return SIM.publishedCodes().subList(100, 100 + n);
    }

    private HttpResponse<String> adminRefresh() {
        return post("/admin/catalogue/refresh", ADMIN_KEY, "");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private List<Map<String, Object>> copy() {
        return jdbc().queryForList("SELECT code, name, content_hash, withdrawn, raw_json FROM catalogue_procedure ORDER BY code");
    }

    /**
     * The first refresh stores every listed procedure with its raw LayThuTuc answer, content hash and detail rows,
     * and the domains and agencies; the index serves the same.
     */
    @Test
    void shouldStoreWholeCatalogueWhenFirstRefreshRuns() throws Exception {
        Map<String, Object> first = jdbc().queryForMap("SELECT * FROM catalogue_refresh ORDER BY id LIMIT 1");
        assertThat(first).containsEntry("OUTCOME", "OK").containsEntry("LISTED", 2020).containsEntry("ADDED", 2020)
                .containsEntry("FAILED", 0).containsEntry("CALLS", 2023);
        Set<String> stored = new HashSet<>(jdbc().queryForList("SELECT code FROM catalogue_procedure", String.class));
        assertThat(stored).containsAll(SIM.listedCodes());
        assertThat(SIM.listedCodes()).hasSize(SimCatalogue.DEFAULT_SIZE);
        List<String> samples = new ArrayList<>(List.of("1.003560", "1.001193.000.00.00.H47"));
        samples.add(SIM.listedCodes().stream().filter(c -> !SIM.publishedCodes().contains(c)).findFirst().orElseThrow());
        for (String code : samples) {
            ObjectNode served = SIM.procedure(code);
            Map<String, Object> row = jdbc().queryForMap("SELECT * FROM catalogue_procedure WHERE code = ?", code);
            assertThat(JSON.readTree((String) row.get("RAW_JSON"))).as(code).isEqualTo(served);
            assertThat(row.get("CONTENT_HASH")).isEqualTo(RequestHash.of(served));
            assertThat(row.get("NAME")).isEqualTo(served.get("TENTTHC").asText());
            assertThat(row.get("DOMAIN_CODE")).isEqualTo(served.at("/LINHVUCTHUCHIEN/0/MALINHVUC").asText());
            assertThat(row.get("WITHDRAWN")).isEqualTo(!served.get("TRANGTHAI").asText().equals("1"));
            int papers = 0;
            for (JsonNode c : served.get("THANHPHANHOSO")) {
                papers += c.get("GIAYTO").size();
            }
            assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM catalogue_component WHERE procedure_code = ?", Integer.class, code))
                    .isEqualTo(papers);
            assertThat(jdbc().queryForList("SELECT code FROM catalogue_result WHERE procedure_code = ? ORDER BY seq", String.class, code))
                    .isEqualTo(served.findValuesAsText("MAKETQUA"));
        }
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM catalogue_domain WHERE listed", Integer.class)).isEqualTo(40);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM catalogue_agency WHERE listed", Integer.class)).isEqualTo(15);
        assertThat(procedureCatalogue.index().size()).isEqualTo(stored.size());
        assertThat(procedureCatalogue.index().published())
                .isEqualTo(jdbc().queryForObject("SELECT COUNT(*) FROM catalogue_procedure WHERE NOT withdrawn", Long.class));
    }

    /** A second refresh reports what the portal added, changed and withdrew since, and leaves the rest untouched. */
    @Test
    void shouldReportChangesWhenSecondRefreshFindsThem() {
        changing();
        List<String> codes = generated(3);
        SIM.rename(codes.get(0), "Tên mới của thủ tục thử nghiệm");
        SIM.unpublish(codes.get(1));
        SIM.unlist(codes.get(2));
        SIM.add("3.900001", "Thủ tục mới công bố");
        HttpResponse<String> r = adminRefresh();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.get("outcome").asText()).isEqualTo("OK");
        assertThat(texts(report.at("/codes/added"))).containsExactly("3.900001");
        assertThat(texts(report.at("/codes/changed"))).containsExactly(codes.get(0));
        assertThat(texts(report.at("/codes/withdrawn"))).containsExactlyInAnyOrder(codes.get(1), codes.get(2));
        assertThat(report.get("listed").asInt()).isEqualTo(SimCatalogue.DEFAULT_SIZE);
        assertThat(report.get("unchanged").asInt()).isEqualTo(SimCatalogue.DEFAULT_SIZE - 3);
        assertThat(report.get("failed").asInt()).isZero();

        JsonNode summary = json(get("/admin/catalogue", ADMIN_KEY));
        assertThat(summary.at("/lastRefresh/id").asLong()).isEqualTo(report.get("id").asLong());
        assertThat(summary.at("/lastRefresh/changed").asInt()).isEqualTo(1);
        assertThat(texts(summary.at("/lastRefresh/codes/withdrawn"))).containsExactlyInAnyOrder(codes.get(1), codes.get(2));
        assertThat(procedureCatalogue.procedure(codes.get(0)).orElseThrow().name()).isEqualTo("Tên mới của thủ tục thử nghiệm");
        assertThat(procedureCatalogue.resolve("3.900001").outcome()).isEqualTo(Resolution.Outcome.FOUND);
    }

    /** Codes the catalogue marks withdrawn are refused with the reason; an unknown one too; nothing is stored for them. */
    @Test
    void shouldRefuseWithdrawnAndUnknownCodesWhenEventsArrive() {
        changing();
        List<String> codes = generated(2);
        SIM.unpublish(codes.get(0));
        SIM.unlist(codes.get(1));
        assertThat(adminRefresh().statusCode()).isEqualTo(200);
        Map<String, String> expected = Map.of(codes.get(0), "TRANGTHAI 0: not published", codes.get(1), "not in LayDanhSachTTHC since",
                "9.999999", "is not in the national procedure catalogue");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String dossier = newDossier();
            ObjectNode event = event(dossier + "-w", dossier, "NEW").put("procedureCode", e.getKey());
            HttpResponse<String> r = postEvent(event);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            JsonNode error = json(r).get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("procedureCode");
            assertThat(error.get("rule").asText()).isEqualTo(e.getKey().equals("9.999999") ? "procedure-code.unknown" : "procedure-code.withdrawn");
            assertThat(error.get("message").asText()).contains(e.getKey(), e.getValue());
            assertThat(get("/api/v1/dossiers/" + dossier + "/events", WRITER_KEY).statusCode()).isEqualTo(404);
        }
        // Never deleted: the withdrawn procedures keep their rows and their last answer.
        assertThat(jdbc().queryForList("SELECT withdrawn FROM catalogue_procedure WHERE code IN (?, ?) AND raw_json IS NOT NULL",
                Boolean.class, codes.get(0), codes.get(1))).containsExactly(true, true);
        // Published again: accepted again.
        SIM.restore(codes.get(0));
        SIM.restore(codes.get(1));
        JsonNode back = json(adminRefresh());
        assertThat(texts(back.at("/codes/changed"))).containsExactlyInAnyOrder(codes.get(0), codes.get(1));
        String dossier = newDossier();
        assertThat(postEvent(event(dossier + "-b", dossier, "NEW").put("procedureCode", codes.get(0))).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 1);
    }

    /** A portal that cannot be reached changes nothing: the last good copy serves and events are still accepted. */
    @Test
    void shouldKeepLastCopyWhenPortalIsDown() {
        changing();
        String code = generated(1).get(0);
        SIM.rename(code, "Tên không được lưu");
        List<Map<String, Object>> before = copy();
        PORTAL.addFault(PortalFault.down(PortalFault.UNTIL_CLEARED));
        HttpResponse<String> r = adminRefresh();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json(r);
        assertThat(problem.at("/refresh/outcome").asText()).isEqualTo("FAILED");
        assertThat(problem.get("detail").asText()).contains("LayDanhSachTTHC", "nothing changed");
        assertThat(copy()).isEqualTo(before);
        assertThat(procedureCatalogue.index().loaded()).isTrue();
        assertThat(json(get("/admin/catalogue", ADMIN_KEY)).at("/lastRefresh/outcome").asText()).isEqualTo("FAILED");

        PORTAL.clearFaults();
        nationalPortalGuard.breaker().reset();
        String dossier = newDossier();
        assertThat(postEvent(event(dossier + "-d", dossier, "NEW").put("procedureCode", code)).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 1);
        String kept = before.stream().filter(b -> b.get("CODE").equals(code)).findFirst().orElseThrow().get("NAME").toString();
        assertThat(PORTAL.appliedRecords(dossier).get(0).get("TenTTHC").asText()).isEqualTo(kept).isNotEqualTo("Tên không được lưu");
    }

    /**
     * LayThuTuc answers that are malformed, empty or refused leave those procedures' previous copies whole, are
     * counted in the report and the metric, and do not stop the others from changing.
     */
    @Test
    void shouldKeepPreviousCopyWhenLayThuTucIsMalformedEmptyOrRefused() {
        changing();
        List<String> codes = generated(4);
        codes.forEach(c -> SIM.rename(c, "Đổi tên " + c));
        SIM.addFault(CatalogueFault.procedure(CatalogueFault.Mode.MALFORMED, codes.get(0)));
        SIM.addFault(CatalogueFault.procedure(CatalogueFault.Mode.EMPTY, codes.get(1)));
        SIM.addFault(CatalogueFault.procedure(CatalogueFault.Mode.ERROR, codes.get(2)).withErrorCode(99));
        List<Map<String, Object>> before = jdbc().queryForList("SELECT p.code, p.name, p.content_hash, p.raw_json,"
                + " (SELECT COUNT(*) FROM catalogue_component c WHERE c.procedure_code = p.code) AS components"
                + " FROM catalogue_procedure p WHERE p.code IN (?, ?, ?) ORDER BY p.code", codes.get(0), codes.get(1), codes.get(2));
        double malformedBefore = failures("malformed");

        JsonNode report = json(adminRefresh());
        assertThat(report.get("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(report.get("failed").asInt()).isEqualTo(3);
        Map<String, String> kinds = new java.util.HashMap<>();
        report.get("failures").forEach(f -> kinds.put(f.get("code").asText(), f.get("kind").asText()));
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(codes.get(0), "MALFORMED", codes.get(1), "EMPTY",
                codes.get(2), "REFUSED"));
        List<String> reasons = new ArrayList<>();
        report.get("failures").forEach(f -> reasons.add(f.get("reason").asText()));
        assertThat(reasons).containsExactlyInAnyOrder("THANHPHANHOSO is not a list", "LayThuTuc answered no result",
                "error_code 99 (lỗi hệ thống (mô phỏng))");
        assertThat(texts(report.at("/codes/changed"))).containsExactly(codes.get(3));
        assertThat(jdbc().queryForList("SELECT p.code, p.name, p.content_hash, p.raw_json,"
                + " (SELECT COUNT(*) FROM catalogue_component c WHERE c.procedure_code = p.code) AS components"
                + " FROM catalogue_procedure p WHERE p.code IN (?, ?, ?) ORDER BY p.code", codes.get(0), codes.get(1), codes.get(2)))
                .isEqualTo(before);
        assertThat(procedureCatalogue.procedure(codes.get(0)).orElseThrow().name()).isEqualTo(before.stream()
                .filter(b -> b.get("CODE").equals(codes.get(0))).findFirst().orElseThrow().get("NAME"));
        assertThat(failures("malformed")).isEqualTo(malformedBefore + 1);
        assertThat(json(get("/admin/catalogue", ADMIN_KEY)).at("/lastRefresh/failed").asInt()).isEqualTo(3);
    }

    private double failures(String kind) {
        var c = meterRegistry.find("lienthong.catalogue.detail.failures").tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    /**
     * What the portal receives: the session envelope (session, madonvi, service; maTTHC for LayThuTuc and nothing
     * else) on the integration path, header dstcode, no query; each listed code asked once; the list first.
     */
    @Test
    void shouldSendExactEnvelopeWhenRefreshing() {
        SIM.reset();
        assertThat(adminRefresh().statusCode()).isEqualTo(200);
        List<SimCatalogue.Request> requests = SIM.requests();
        assertThat(requests).hasSize(SimCatalogue.DEFAULT_SIZE + 3);
        assertThat(requests.get(0).service()).isEqualTo(SimCatalogue.LIST);
        List<String> asked = new ArrayList<>();
        for (SimCatalogue.Request q : requests) {
            assertThat(q.path()).isEqualTo("/portal/integration");
            assertThat(q.query()).isNull();
            assertThat(q.method()).isEqualTo("POST");
            assertThat(q.dstcode()).isEqualTo("TEST-H47");
            assertThat(q.httpStatus()).isEqualTo(200);
            assertThat(q.errorCode()).isEqualTo("0");
            List<String> fields = new ArrayList<>();
            q.body().fieldNames().forEachRemaining(fields::add);
            assertThat(q.body().get("madonvi").asText()).isEqualTo("000.00.00.H47");
            assertThat(q.body().get("session").asText()).isNotBlank();
            if (q.service().equals(SimCatalogue.PROCEDURE)) {
                assertThat(fields).containsExactly("session", "madonvi", "service", "maTTHC");
                asked.add(q.body().get("maTTHC").asText());
            } else {
                assertThat(fields).containsExactly("session", "madonvi", "service");
            }
        }
        assertThat(asked).containsExactlyInAnyOrderElementsOf(SIM.listedCodes());
        assertThat(requests).extracting(SimCatalogue.Request::service)
                .contains(SimCatalogue.DOMAINS, SimCatalogue.AGENCIES).filteredOn(s -> !s.equals(SimCatalogue.PROCEDURE)).hasSize(3);
    }

    /** A province whose adapter has a share path asks the list services there; LayThuTuc stays on the integration path. */
    @Test
    void shouldAskListsOnSharePathWhenConfigured() {
        changing();
        SIM.reset();
        catalogueProperties.setSharePath("/share");
        JsonNode report = json(adminRefresh());
        assertThat(report.get("outcome").asText()).isEqualTo("OK");
        for (SimCatalogue.Request q : SIM.requests()) {
            assertThat(q.path()).as(q.service()).isEqualTo(q.service().equals(SimCatalogue.PROCEDURE) ? "/portal/integration" : "/portal/share");
        }
    }

    /** With a page size set, each list is asked page by page until a short page, and read whole. */
    @Test
    void shouldReadEveryPageWhenPageSizeIsSet() {
        changing();
        SIM.reset();
        SIM.paging(true);
        catalogueProperties.setPageSize(700);
        JsonNode report = json(adminRefresh());
        assertThat(report.get("outcome").asText()).as(report.toString()).isEqualTo("OK");
        assertThat(report.get("listed").asInt()).isEqualTo(SimCatalogue.DEFAULT_SIZE);
        assertThat(report.get("unchanged").asInt()).isEqualTo(SimCatalogue.DEFAULT_SIZE);
        List<String> pages = SIM.requests().stream().filter(q -> q.service().equals(SimCatalogue.LIST))
                .map(q -> q.body().get("page").asText() + "/" + q.body().get("pageSize").asText()).toList();
        assertThat(pages).containsExactly("1/700", "2/700", "3/700");
    }

    /**
     * After the first refresh an event for every published procedure of the simulated catalogue is accepted, also
     * by the bare code of a local instance and by a suffixed form of a bare code; the unpublished ones get 422.
     */
    @Test
    void shouldAcceptEveryPublishedProcedureWhenCatalogueIsLoaded() {
        List<String> published = SIM.publishedCodes();
        assertThat(published).hasSizeGreaterThanOrEqualTo(2000);
        List<String> codes = new ArrayList<>(published);
        published.stream().filter(c -> c.endsWith(".000.00.00.H47")).limit(20).forEach(c -> codes.add(c.substring(0, 8)));
        published.stream().filter(c -> c.length() == 8).limit(20).forEach(c -> codes.add(c + ".000.00.00.H56"));
        List<String> dossiers = new ArrayList<>();
        for (int from = 0; from < codes.size(); from += 500) {
            ArrayNode events = JSON.createArrayNode();
            for (String code : codes.subList(from, Math.min(codes.size(), from + 500))) {
                String dossier = newDossier();
                dossiers.add(dossier);
                events.add(event(dossier + "-p", dossier, "NEW").put("procedureCode", code));
            }
            JsonNode r = json(post("/api/v1/dossier-events/batch", WRITER_KEY, JSON.createObjectNode().set("events", events).toString()));
            assertThat(r.get("rejected").asInt()).as(r.toString()).isZero();
        }
        ArrayNode refused = JSON.createArrayNode();
        SIM.listedCodes().stream().filter(c -> !published.contains(c)).forEach(c -> {
            String dossier = newDossier();
            refused.add(event(dossier + "-u", dossier, "NEW").put("procedureCode", c));
        });
        JsonNode r = json(post("/api/v1/dossier-events/batch", WRITER_KEY, JSON.createObjectNode().set("events", refused).toString()));
        assertThat(r.get("accepted").asInt()).isZero();
        r.get("results").forEach(item -> {
            assertThat(item.get("status").asInt()).isEqualTo(422);
            assertThat(item.at("/errors/0/rule").asText()).isEqualTo("procedure-code.withdrawn");
        });
        await("every accepted event delivered", Duration.ofSeconds(60), () ->
                engine.control(NationalPortalDestination.NAME).getPending() == 0
                        && engine.control(NationalPortalDestination.NAME).getInFlight() == 0);
        String sample = published.get(1500);
        JsonNode record = PORTAL.appliedRecords(dossiers.get(1500)).get(0);
        assertThat(record.get("MaTTHC").asText()).isEqualTo(sample);
        assertThat(record.get("TenTTHC").asText()).isEqualTo(SIM.procedure(sample).get("TENTTHC").asText());
        assertThat(record.get("MaLinhVuc").asText()).isEqualTo(SIM.procedure(sample).at("/LINHVUCTHUCHIEN/0/MALINHVUC").asText());
        assertThat(record.get("TenLinhVuc").asText()).isEqualTo(SIM.procedure(sample).at("/LINHVUCTHUCHIEN/0/TENLINHVUC").asText());
    }

    /** The read API gives a procedure's component and result codes, fees and processing times as the portal published them. */
    @Test
    void shouldGiveCodesFeesAndTimesWhenProcedureIsAsked() {
        CatalogueProcedure p = procedureCatalogue.procedure("1.003560.000.00.00.H56").orElseThrow();
        ObjectNode served = SIM.procedure("1.003560");
        assertThat(p.code()).isEqualTo("1.003560");
        assertThat(p.componentCodes()).containsExactlyElementsOf(new java.util.LinkedHashSet<>(served.findValuesAsText("MAGIAYTO")));
        assertThat(p.resultCodes()).containsExactlyElementsOf(served.findValuesAsText("MAKETQUA"));
        List<BigDecimal> amounts = new ArrayList<>();
        served.findValues("SOTIEN").forEach(n -> amounts.add(new BigDecimal(n.asText())));
        assertThat(p.fees()).extracting(CatalogueProcedure.Fee::amount).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(amounts);
        List<Integer> channels = new ArrayList<>();
        served.get("CACHTHUCTHUCHIEN").forEach(w -> channels.add(w.get("KENH").asInt()));
        assertThat(p.processing()).extracting(CatalogueProcedure.Processing::channel).containsExactlyElementsOf(channels);
        assertThat(p.processing().get(0).duration()).isEqualByComparingTo(served.at("/CACHTHUCTHUCHIEN/0/THOIGIAN/0/THOIGIANGIAIQUYET").asText());

        HttpResponse<String> r = get("/admin/catalogue/procedures/1.003560.000.00.00.H56?raw=true", ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode view = json(r);
        assertThat(view.get("outcome").asText()).isEqualTo("FOUND");
        assertThat(view.at("/procedure/code").asText()).isEqualTo("1.003560");
        assertThat(view.at("/procedure/components").size()).isEqualTo(p.components().size());
        assertThat(view.get("raw")).isEqualTo(served);
        HttpResponse<String> unknown = get("/admin/catalogue/procedures/9.999999", ADMIN_KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("detail").asText()).contains("9.999999");
    }

    /**
     * An operator sees the catalogue's size, age and last refresh over JMX and in the metrics, can refresh over JMX,
     * and gets the catalogue_stale alarm once the copy is older than the threshold; /admin/catalogue needs the admin scope.
     */
    @Test
    void shouldShowCatalogueWhenOperatorLooks() throws Exception {
        catalogueControl.register();
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = new javax.management.ObjectName("vn.lienthong.gateway:type=Catalogue");
        String answer = (String) jmx.invoke(name, "refresh", new Object[0], new String[0]);
        assertThat(answer).startsWith("catalogue refresh OK").contains("listed=" + SimCatalogue.DEFAULT_SIZE);
        assertThat(jmx.getAttribute(name, "Procedures")).isEqualTo(procedureCatalogue.index().size());
        assertThat((Long) jmx.getAttribute(name, "Published")).isEqualTo(procedureCatalogue.index().published());
        assertThat(jmx.getAttribute(name, "Loaded")).isEqualTo(true);
        assertThat((Long) jmx.getAttribute(name, "AgeSeconds")).isBetween(0L, 60L);
        assertThat(jmx.getAttribute(name, "LastRefreshOutcome")).isEqualTo("OK");
        assertThat((String) jmx.getAttribute(name, "LastRefresh")).contains("JMX", "listed=" + SimCatalogue.DEFAULT_SIZE);
        assertThat(jmx.getAttribute(name, "Running")).isEqualTo(false);

        String scrape = get("/actuator/prometheus", ADMIN_KEY).body();
        assertThat(scrape).contains("lienthong_catalogue_procedures{application=\"lienthong-gateway\",state=\"published\"} "
                + procedureCatalogue.index().published() + ".0");
        assertThat(scrape).contains("lienthong_catalogue_age_seconds{", "lienthong_catalogue_loaded{application=\"lienthong-gateway\"} 1.0",
                "lienthong_catalogue_refreshes_total{application=\"lienthong-gateway\",outcome=\"ok\"}",
                "lienthong_catalogue_changes_total{", "lienthong_catalogue_refresh_seconds_count{");

        OpsProperties.Alarms strict = new OpsProperties.Alarms();
        strict.setCatalogueOlderThan(Duration.ofMillis(1));
        Alarms alarms = new Alarms(deliveryEngine, gatewayMetrics, nationalSystems, strict, java.time.Clock.systemUTC(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), null,
                new vn.lienthong.gateway.security.SecurityProperties(), catalogueStatus);
        await("copy older than 1 ms", Duration.ofSeconds(5), () -> {
            alarms.check();
            return alarms.isRaised(Alarms.CATALOGUE_STALE, NationalPortalDestination.NAME);
        });
        Alarms normal = new Alarms(deliveryEngine, gatewayMetrics, nationalSystems, new OpsProperties.Alarms(),
                java.time.Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), null,
                new vn.lienthong.gateway.security.SecurityProperties(), catalogueStatus);
        normal.check();
        assertThat(normal.isRaised(Alarms.CATALOGUE_STALE, NationalPortalDestination.NAME)).isFalse();

        assertThat(get("/admin/catalogue", WRITER_KEY).statusCode()).isEqualTo(403);
        assertThat(send(java.net.http.HttpRequest.newBuilder(uri("/admin/catalogue/refresh"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(401);
        JsonNode summary = json(get("/admin/catalogue", ADMIN_KEY));
        assertThat(summary.get("loaded").asBoolean()).isTrue();
        assertThat(summary.get("procedures").asInt()).isEqualTo(procedureCatalogue.index().size());
    }
}
