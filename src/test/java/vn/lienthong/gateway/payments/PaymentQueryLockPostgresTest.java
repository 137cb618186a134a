package vn.lienthong.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.onestop.OneStopDestination;
import vn.lienthong.gateway.ops.Alarms;
import vn.lienthong.gateway.sandbox.PaymentFault;
import vn.lienthong.gateway.sandbox.PaymentPlatformSimulator;
import vn.lienthong.gateway.storage.Durability;
import vn.lienthong.gateway.support.TestDatabase;

/**
 * Two instances on one PostgreSQL database (the second's QUERY job and service built on the same database, as another
 * instance's are): while one runs QUERY (a slow platform), the other finds the ShedLock row taken and does nothing; and
 * when both settle the same payment at the same moment, it has one effect.
 */
class PaymentQueryLockPostgresTest {

    /** Two QUERY jobs at once: one asks about every due payment, the other skips its turn; each payment PAID with one event. */
    @Test
    void shouldRunQueryOnOneInstanceAndSettleOnceWhenTwoRunTogether() throws Exception {
        TestDatabase db = TestDatabase.postgres().orElse(null);
        assumeTrue(db != null, TestDatabase.SKIP_MESSAGE);
        PaymentPlatformSimulator platform = new PaymentPlatformSimulator(0, "PG", "pg-platform-secret", null).start();
        List<String> args = new ArrayList<>(List.of(db.springArgs()));
        args.addAll(List.of("--server.port=0", "--spring.profiles.active=postgres", "--spring.jmx.enabled=false",
                "--camel.main.jmx-enabled=false", "--gateway.ops.register-mbeans=false",
                "--gateway.portal.base-url=http://localhost:9/portal", "--gateway.portal.username=gw",
                "--gateway.portal.password=unused", "--gateway.portal.dstcode=PG",
                "--gateway.callbacks.secret=unused-callback-secret-at-least-32-bytes-long-0000",
                "--gateway.callbacks.payment-secret=unused-payment-secret-at-least-32-bytes-long-0000",
                "--gateway.one-stop.base-url=http://localhost:9/one-stop", "--gateway.one-stop.api-key=unused",
                "--gateway.delivery.auto-start=false",
                "--gateway.payments.enabled=true", "--gateway.payments.init-url=" + platform.baseUrl() + PaymentPlatformSimulator.INIT,
                "--gateway.payments.query-url=" + platform.baseUrl() + PaymentPlatformSimulator.QUERY,
                "--gateway.payments.bill-url=" + platform.baseUrl() + PaymentPlatformSimulator.BILL,
                "--gateway.payments.partner-code=PG", "--gateway.payments.secret=pg-platform-secret", "--gateway.payments.ip=10.0.0.9",
                "--gateway.payments.query.interval=1h", "--gateway.payments.query.first-after=0s",
                "--gateway.payments.query.initial-backoff=0s", "--gateway.payments.query.max-backoff=0s"));
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new))) {
            PaymentService first = ctx.getBean(PaymentService.class);
            PaymentService second = new PaymentService(ctx.getBean(PaymentProperties.class),
                    new Transactions(ctx.getBean(DataSource.class), ctx.getBean(PlatformTransactionManager.class),
                            ctx.getBean(DeliveryStore.class), ctx.getBean(Durability.class), Clock.systemUTC()),
                    ctx.getBean(PlatformClient.class), ctx.getBean(DeliveryEngine.class), ctx.getBean(Alarms.class),
                    ctx.getBean(ObjectMapper.class), Clock.systemUTC());
            List<String> refs = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                String dossier = String.format("000.00.12.H47-241124-%04d", n);
                PaymentService.Opened o = first.open(request(dossier, 1000L * n), "pg", "pg-" + n);
                assertThat(o.kind()).isEqualTo(PaymentService.Opened.Kind.OPENED);
                refs.add(o.tx().reference());
                platform.pay(o.tx().reference(), true); // no confirm URL: the confirm is lost
            }
            platform.addFault(new PaymentFault(PaymentFault.Mode.SLOW, -1, 400));
            PaymentQueries a = ctx.getBean(PaymentQueries.class);
            PaymentQueries b = new PaymentQueries(second, ctx.getBean(DataSource.class), Clock.systemUTC());
            CompletableFuture<PaymentQueries.Run> ra = CompletableFuture.supplyAsync(a::runWithLock);
            CompletableFuture<PaymentQueries.Run> rb = CompletableFuture.supplyAsync(b::runWithLock);
            List<PaymentQueries.Run> runs = List.of(ra.get(), rb.get());
            assertThat(runs).filteredOn(PaymentQueries.Run::locked).hasSize(1).allSatisfy(r -> assertThat(r.asked()).isEqualTo(5));
            assertThat(runs).filteredOn(r -> !r.locked()).hasSize(1).allSatisfy(r -> assertThat(r.asked()).isZero());
            assertThat(platform.received().stream().filter(r -> r.path().equals("QUERY"))).hasSize(5);
            DeliveryStore store = ctx.getBean(DeliveryStore.class);
            for (int n = 1; n <= 5; n++) {
                assertThat(first.transactions().find(refs.get(n - 1)).orElseThrow().state()).isEqualTo(Transactions.State.PAID);
                assertThat(store.byPartition(OneStopDestination.NAME, String.format("000.00.12.H47-241124-%04d", n))).hasSize(1);
            }

            platform.clearFaults();
            String dossier = "000.00.12.H47-241124-0099";
            String ref = first.open(request(dossier, 99000), "pg", "pg-99").tx().reference();
            platform.pay(ref, true);
            List<CompletableFuture<?>> both = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                both.add(CompletableFuture.runAsync(() -> first.query(first.transactions().find(ref).orElseThrow())));
                both.add(CompletableFuture.runAsync(() -> second.query(second.transactions().find(ref).orElseThrow())));
            }
            CompletableFuture.allOf(both.toArray(CompletableFuture[]::new)).get();
            assertThat(store.byPartition(OneStopDestination.NAME, dossier)).hasSize(1);
            assertThat(first.transactions().find(ref).orElseThrow().state()).isEqualTo(Transactions.State.PAID);

            String unpaid = first.open(request("000.00.12.H47-241124-0098", 5000), "pg", "pg-98").tx().reference();
            first.query(first.transactions().find(unpaid).orElseThrow());
            assertThat(first.transactions().find(unpaid).orElseThrow().state()).isEqualTo(Transactions.State.PENDING);
            platform.addFault(PaymentFault.of(PaymentFault.Mode.DOWN, 1));
            first.query(first.transactions().find(unpaid).orElseThrow());
            Transactions.Tx pending = first.transactions().find(unpaid).orElseThrow();
            assertThat(pending.state()).isEqualTo(Transactions.State.PENDING);
            assertThat(pending.checks()).isEqualTo(2);
            assertThat(pending.queryBody()).contains("\"TrangThaiGD\":\"3\"");
        } finally {
            platform.stop();
        }
    }

    private static ObjectNode request(String dossier, long amount) {
        ObjectNode r = new ObjectMapper().createObjectNode().put("dossierCode", dossier).put("procedureCode", "1.001612").put("amount", amount);
        r.putArray("fees").addObject().put("name", "Lệ phí").put("amount", amount);
        r.putObject("payer").put("name", "Người nộp");
        return r;
    }
}
