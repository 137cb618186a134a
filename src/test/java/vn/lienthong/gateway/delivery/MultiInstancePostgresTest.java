package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.sandbox.PortalFault;
import vn.lienthong.gateway.sandbox.PortalSimulator;
import vn.lienthong.gateway.sandbox.ReceivedCall;
import vn.lienthong.gateway.support.GatewayIntegrationTest;
import vn.lienthong.gateway.support.GatewayProcess;
import vn.lienthong.gateway.support.TestDatabase;

/**
 * Several gateway processes on one PostgreSQL behave as one gateway: claims are exclusive (row locks),
 * order per dossier holds across instances, a SIGKILLed instance's events are taken over after the lease,
 * and idempotency holds when both instances get the same key at the same moment. Skipped without a
 * PostgreSQL URL ({@link TestDatabase#SKIP_MESSAGE}).
 */
class MultiInstancePostgresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCY = GatewayIntegrationTest.AGENCY;
    private static final Duration LEASE = Duration.ofSeconds(3);

    private final PortalSimulator portal = new PortalSimulator(0, "pg-user", "pg-secret").start();
    private final List<GatewayProcess> gateways = new ArrayList<>();
    private TestDatabase db;

    @BeforeEach
    void postgres() {
        db = TestDatabase.postgres().orElse(null);
        assumeTrue(db != null, TestDatabase.SKIP_MESSAGE);
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
        List<String> args = new ArrayList<>(List.of(db.springArgs()));
        args.addAll(List.of("--spring.profiles.active=postgres", "--gateway.portal.base-url=" + portal.baseUrl(),
                "--gateway.portal.username=pg-user", "--gateway.portal.password=pg-secret",
                // dstcode tells the simulator's log which instance sent a call
                "--gateway.portal.dstcode=" + dstcode, "--gateway.portal.rate-limit-per-second=1000",
                // LEASE is twice what a request may take (0.1 + 0.3 + 0.8 s) plus the margin, so it is not lengthened
                "--gateway.portal.rate-limit-wait=100ms", "--gateway.portal.connect-timeout-ms=300",
                "--gateway.portal.response-timeout-ms=800", "--gateway.delivery.lease-margin=300ms",
                "--gateway.delivery.lease=" + LEASE.toSeconds() + "s", "--gateway.delivery.poll-interval=100ms",
                "--gateway.delivery.initial-backoff=100ms", "--gateway.delivery.max-backoff=500ms",
                "--gateway.delivery.max-attempts=0", "--logging.level.vn.lienthong=WARN"));
        GatewayProcess g = GatewayProcess.start(name, args);
        gateways.add(g);
        return g;
    }

    private static ObjectNode event(String dossier, int i) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", dossier + "-m" + i).put("dossierCode", dossier).put("procedureCode", "1.001612")
                .put("agencyCode", AGENCY).put("status", i == 0 ? "NEW" : i % 2 == 0 ? "PROCESSING" : "SUPPLEMENT_REQUESTED")
                .put("occurredAt", "2026-11-24T09:15:00+07:00");
        e.putObject("step").put("officer", "Cán bộ").put("content", "step " + i).put("startedAt", "2026-11-24T09:30:00+07:00");
        return e;
    }

    /**
     * 5,000 events over 200 dossiers through two instances, one SIGKILLed midway: every event delivered, no
     * record applied by both instances within one lease, each dossier's steps in order.
     */
    @Test
    void shouldDeliverEverythingOnceInOrderWhenOneOfTwoInstancesIsKilled() throws Exception {
        portal.addFault(PortalFault.slow(150, PortalFault.UNTIL_CLEARED));
        GatewayProcess a = start("pg-a", "INST-A");
        GatewayProcess b = start("pg-b", "INST-B");
        int dossiers = 200;
        int perDossier = 25;
        List<String> codes = new ArrayList<>();
        for (int d = 0; d < dossiers; d++) {
            codes.add(String.format("%s-241115-%04d", AGENCY, d + 1));
        }
        // Round k carries event k of every dossier, half through each instance; a round starts after the last
        // one's commits, so acceptance order within a dossier is event order.
        for (int k = 0; k < perDossier; k++) {
            StringBuilder toA = new StringBuilder("{\"events\":[");
            StringBuilder toB = new StringBuilder("{\"events\":[");
            for (int d = 0; d < dossiers; d++) {
                StringBuilder sb = d % 2 == 0 ? toA : toB;
                sb.append(sb.length() > 11 ? "," : "").append(event(codes.get(d), k));
            }
            GatewayProcess target = k == 12 && !a.alive() ? b : a;
            assertThat(target.post("/api/v1/dossier-events/batch", toA.append("]}").toString()).statusCode()).isEqualTo(200);
            assertThat(b.post("/api/v1/dossier-events/batch", toB.append("]}").toString()).statusCode()).isEqualTo(200);
            if (k == 12) {
                a.kill(); // in the middle: A holds claims on calls in flight to the slow portal
                a = b;
            }
        }
        GatewayProcess survivor = b;
        survivor.await("5,000 events delivered", Duration.ofMinutes(4),
                () -> portal.allProgress().stream().map(p -> p.get("MaHoSo").asText() + p.get("NoiDungXuLy").asText())
                        .distinct().count() >= (long) dossiers * perDossier && pendingRows() == 0);

        for (String d : codes) {
            List<String> steps = portal.progress(d).stream().map(p -> p.get("NoiDungXuLy").asText()).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perDossier; i++) {
                expected.add("step " + i);
            }
            assertThat(new ArrayList<>(new LinkedHashSet<>(steps))).as(d).isEqualTo(expected);
        }
        // A record sent by both instances is only the killed instance's in-flight call, re-sent after its lease.
        // The lease runs from the claim (a renewal would only lengthen it, so LEASE stays the least a takeover can
        // wait); the first instance's record call for the dossier follows the claim at once,
        // its progress call only after that (slow) record call: the record call is the reference.
        Map<String, List<ReceivedCall>> recordCalls = new HashMap<>();
        for (ReceivedCall c : portal.calls()) {
            if (PortalSimulator.SYNC_DOSSIER.equals(c.service())) {
                for (JsonNode rec : c.body().get("data")) {
                    recordCalls.computeIfAbsent(rec.get("MaHoSo").asText() + "|" + c.dstcode(), k -> new ArrayList<>()).add(c);
                }
            }
        }
        Map<String, ReceivedCall> firstSender = new HashMap<>();
        for (ReceivedCall c : portal.calls()) {
            if (c.httpStatus() != 200 || !PortalSimulator.UPDATE_PROGRESS.equals(c.service())) {
                continue;
            }
            for (JsonNode entry : c.body().get("data")) {
                String key = entry.get("MaHoSo").asText() + "|" + entry.get("NoiDungXuLy").asText();
                ReceivedCall before = firstSender.putIfAbsent(key, c);
                if (before != null && !before.dstcode().equals(c.dstcode())) {
                    // The first sender's last record call for this dossier before its progress call: the claim's call.
                    java.time.Instant claimed = recordCalls.getOrDefault(entry.get("MaHoSo").asText() + "|" + before.dstcode(), List.of())
                            .stream().map(ReceivedCall::at).filter(t -> !t.isAfter(before.at())).max(java.util.Comparator.naturalOrder())
                            .orElse(before.at());
                    assertThat(Duration.between(claimed, c.at())).as("%s sent by %s then %s", key, before.dstcode(), c.dstcode())
                            .isGreaterThanOrEqualTo(LEASE.minusMillis(200));
                }
            }
        }
        assertThat(portal.calls().stream().map(ReceivedCall::dstcode).distinct()).contains("INST-A", "INST-B");
    }

    /** The same events sent to both instances at the same moment are stored once each; nobody gets a 5xx. */
    @Test
    void shouldStoreOnceWhenSameKeyHitsBothInstancesAtOnce() throws Exception {
        GatewayProcess a = start("pg-dup-a", "DUP-A");
        GatewayProcess b = start("pg-dup-b", "DUP-B");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String body = event(String.format("%s-241116-%04d", AGENCY, i + 1), 0).toString();
            for (int copy = 0; copy < 4; copy++) {
                GatewayProcess g = copy % 2 == 0 ? a : b;
                answers.add(pool.submit(() -> g.post("/api/v1/dossier-events", body).statusCode()));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).allMatch(s -> s == 202 || s == 200);
        assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(100);
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*), COUNT(DISTINCT idem_key) FROM delivery_event WHERE idem_key LIKE '%-241116-%'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(100);
            assertThat(rs.getLong(2)).isEqualTo(100);
        }
    }

    private long pendingRows() {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM delivery_event WHERE state <> 'DELIVERED'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
