package vn.lienthong.gateway.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.sandbox.PortalFault;
import vn.lienthong.gateway.sandbox.PortalSimulator;
import vn.lienthong.gateway.sandbox.SimCatalogue;
import vn.lienthong.gateway.support.GatewayIntegrationTest;
import vn.lienthong.gateway.support.GatewayProcess;
import vn.lienthong.gateway.support.TestDatabase;

/**
 * Two gateway processes on one PostgreSQL refresh the catalogue as one: the daily refresh runs on one of them, an
 * administrator's refresh on the other is refused while the first holds the lock, and the other instance's index
 * follows. Skipped without a PostgreSQL URL ({@link TestDatabase#SKIP_MESSAGE}).
 */
class CatalogueRefreshPostgresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PROCEDURES = 300;

    private final PortalSimulator portal = new PortalSimulator(0, "pg-user", "pg-secret").start();
    private final List<GatewayProcess> gateways = new ArrayList<>();
    private TestDatabase db;

    @BeforeEach
    void postgres() {
        db = TestDatabase.postgres().orElse(null);
        assumeTrue(db != null, TestDatabase.SKIP_MESSAGE);
        portal.catalogue().resize(PROCEDURES);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (GatewayProcess g : gateways) {
            if (g.alive()) {
                g.kill();
            }
        }
        portal.stop();
    }

    private GatewayProcess start(String name, String dstcode) throws Exception {
        // The daily time passed two hours ago: due now only while never refreshed, as a fresh install is.
        LocalTime daily = LocalTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusHours(2).truncatedTo(ChronoUnit.MINUTES);
        List<String> args = new ArrayList<>(List.of(db.springArgs()));
        args.addAll(List.of("--spring.profiles.active=postgres", "--gateway.portal.base-url=" + portal.baseUrl(),
                "--gateway.portal.username=pg-user", "--gateway.portal.password=pg-secret",
                "--gateway.portal.dstcode=" + dstcode, "--gateway.portal.rate-limit-per-second=1000",
                "--gateway.catalogue.auto-refresh=true", "--gateway.catalogue.daily-at=" + daily,
                "--gateway.catalogue.first-check-delay=1s", "--gateway.catalogue.check-interval=1s",
                "--gateway.security.api-keys[1].client-id=ops", "--gateway.security.api-keys[1].sha256=" + GatewayIntegrationTest.ADMIN_HASH,
                "--gateway.security.api-keys[1].scopes=admin", "--logging.level.vn.lienthong=INFO"));
        GatewayProcess g = GatewayProcess.start(name, args);
        gateways.add(g);
        return g;
    }

    private static HttpResponse<String> admin(GatewayProcess g, String method, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + g.port() + path))
                    .header("X-API-Key", GatewayIntegrationTest.ADMIN_KEY)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> refreshes() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT triggered_by, outcome, added FROM catalogue_refresh ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
        }
        return rows;
    }

    /**
     * The first instance refreshes at start (never loaded); the second finds the copy fresh and only rebuilds its
     * index; an administrator's refresh on the second while the first's runs is refused naming the first; every
     * catalogue call the portal received came from the first.
     */
    @Test
    void shouldRefreshOnOneInstanceAtATimeWhenTwoShareTheDatabase() throws Exception {
        GatewayProcess a = start("pg-cat-a", "CAT-A");
        a.await("A's first refresh", Duration.ofSeconds(60), () -> {
            try {
                return refreshes().equals(List.of("SCHEDULE OK " + PROCEDURES));
            } catch (Exception e) {
                return false;
            }
        });
        GatewayProcess b = start("pg-cat-b", "CAT-B");
        b.await("B's index rebuilt from A's refresh", Duration.ofSeconds(20),
                () -> json(admin(b, "GET", "/admin/catalogue")).get("loaded").asBoolean());
        String code = portal.catalogue().publishedCodes().get(PROCEDURES / 2);
        String event = "{\"eventId\":\"cat-pg-1\",\"dossierCode\":\"000.00.12.H47-241120-0001\",\"procedureCode\":\"" + code
                + "\",\"agencyCode\":\"000.00.12.H47\",\"status\":\"NEW\",\"occurredAt\":\"2026-11-20T09:00:00+07:00\"}";
        assertThat(b.post("/api/v1/dossier-events", event).statusCode()).isEqualTo(202);
        Thread.sleep(3000);
        assertThat(refreshes()).as("B found the copy fresh after three checks").hasSize(1);

        // A's next refresh is held at the portal (each LayThuTuc takes 3 s) while B is asked for one.
        int seen = portal.catalogue().requests().size();
        portal.addFault(PortalFault.slow(3000, PortalFault.UNTIL_CLEARED).forService(SimCatalogue.PROCEDURE));
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> admin(a, "POST", "/admin/catalogue/refresh"));
        a.await("A's refresh asking LayThuTuc", Duration.ofSeconds(20), () -> portal.catalogue().requests().stream()
                .skip(seen).anyMatch(r -> r.service().equals(SimCatalogue.PROCEDURE)));
        HttpResponse<String> second = admin(b, "POST", "/admin/catalogue/refresh");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(json(second).get("detail").asText()).contains("another refresh is running on ", "/" + a.pid() + "/");
        portal.clearFaults();
        HttpResponse<String> done = first.get();
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(done).get("unchanged").asInt()).isEqualTo(PROCEDURES);

        assertThat(refreshes()).containsExactly("SCHEDULE OK " + PROCEDURES, "ADMIN OK 0");
        assertThat(portal.catalogue().requests()).extracting(SimCatalogue.Request::dstcode).containsOnly("CAT-A");
        assertThat(portal.catalogue().requests().stream().filter(r -> r.service().equals(SimCatalogue.LIST)).count()).isEqualTo(2);
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }
}
