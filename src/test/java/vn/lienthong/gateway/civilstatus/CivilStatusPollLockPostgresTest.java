package vn.lienthong.gateway.civilstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.sandbox.CivilStatusFault;
import vn.lienthong.gateway.sandbox.CivilStatusSamples;
import vn.lienthong.gateway.sandbox.CivilStatusSimulator;
import vn.lienthong.gateway.support.TestDatabase;

/**
 * Two pollers on one PostgreSQL database (as two instances are): while one polls (a slow LayDanhSachHoSo), the other
 * finds the ShedLock row taken and does nothing; each listed dossier gets one intake event.
 */
class CivilStatusPollLockPostgresTest {

    /** Two instances polling at once: one lists and stores, the other skips its turn. */
    @Test
    @SuppressWarnings("unchecked")
    void shouldPollOnOneInstanceAtATimeWhenTwoPollTogether() throws Exception {
        TestDatabase db = TestDatabase.postgres().orElse(null);
        assumeTrue(db != null, TestDatabase.SKIP_MESSAGE);
        CivilStatusSimulator service = new CivilStatusSimulator(0, "gw", "pg-secret", 1800).start();
        List<String> args = new ArrayList<>(List.of(db.springArgs()));
        args.addAll(List.of("--server.port=0", "--spring.profiles.active=postgres", "--spring.jmx.enabled=false",
                "--camel.main.jmx-enabled=false", "--gateway.ops.register-mbeans=false",
                "--gateway.portal.base-url=http://localhost:9/portal", "--gateway.portal.username=gw",
                "--gateway.portal.password=unused", "--gateway.portal.dstcode=PG",
                "--gateway.callbacks.secret=unused-callback-secret-at-least-32-bytes-long-0000",
                "--gateway.callbacks.payment-secret=unused-payment-secret-at-least-32-bytes-long-0000",
                "--gateway.one-stop.base-url=http://localhost:9/one-stop", "--gateway.one-stop.api-key=unused",
                "--gateway.delivery.auto-start=false",
                "--gateway.civil-status.enabled=true", "--gateway.civil-status.base-url=" + service.baseUrl(),
                "--gateway.civil-status.username=gw", "--gateway.civil-status.password=pg-secret",
                "--gateway.civil-status.poll-interval=1h"));
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new))) {
            for (int n = 1; n <= 5; n++) {
                service.add(CivilStatusSamples.sized(9000 + n, 1, 1000));
            }
            service.addFault(new CivilStatusFault(CivilStatusFault.Mode.SLOW, -1, "list", null, 2000, 503));
            CivilStatusPoller first = ctx.getBean(CivilStatusPoller.class);
            CivilStatusPoller second = new CivilStatusPoller(ctx.getBean(CivilStatusClient.class),
                    (Supplier<CivilStatusVocabulary>) ctx.getBean("civilStatusVocabulary"), ctx.getBean(DeliveryStore.class),
                    ctx.getBean(DeliveryEngine.class), ctx.getBean(Intake.class), ctx.getBean(CivilStatusProperties.class),
                    ctx.getBean(DataSource.class), Clock.systemUTC());
            CompletableFuture<CivilStatusPoller.Report> a = CompletableFuture.supplyAsync(first::pollWithLock);
            CompletableFuture<CivilStatusPoller.Report> b = CompletableFuture.supplyAsync(second::pollWithLock);
            List<CivilStatusPoller.Report> reports = List.of(a.get(), b.get());
            assertThat(reports).filteredOn(r -> r.listed() == 5).hasSize(1);
            assertThat(reports).filteredOn(r -> r.listed() == 0).hasSize(1);
            assertThat(service.calls().stream().filter(c -> c.equals("GET list"))).hasSize(1);
            DeliveryStore store = ctx.getBean(DeliveryStore.class);
            for (String code : service.waitingCodes()) {
                assertThat(store.byPartition(IntakeDestination.NAME, code)).hasSize(1);
            }
        } finally {
            service.stop();
        }
    }
}
