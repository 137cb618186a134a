package vn.lienthong.gateway.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The QUERY job: on one instance at a time (a ShedLock row), every transaction without a final state whose next check
 * is due is asked about, and asked again with backoff until the deadline (gateway.payments.query.*). A payment the
 * platform confirmed while its callback was lost is settled here, with the same single effect as by the callback.
 */
public class PaymentQueries {
    private static final Logger log = LoggerFactory.getLogger(PaymentQueries.class);
    static final String LOCK = "payments-query";

    /** What one run did. */
    public record Run(int asked, boolean locked) {
    }

    private final PaymentService service;
    private final LockingTaskExecutor locks;
    private final Clock clock;

    PaymentQueries(PaymentService service, DataSource dataSource, Clock clock) {
        this.service = service;
        this.clock = clock;
        this.locks = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build()));
    }

    /** Called by the timer; runs only when payments are enabled, and never throws. */
    public void tick() {
        if (!service.settings().isEnabled()) {
            return;
        }
        try {
            Run r = runWithLock();
            if (r.asked() > 0) {
                log.info("payment QUERY run: {} transaction(s) asked about", r.asked());
            }
            service.checkAlarm();
        } catch (RuntimeException e) {
            log.warn("payment QUERY run failed: {}", e.toString());
        }
    }

    /** One run under the cluster-wide lock; {@code locked} false when another instance holds it. */
    public Run runWithLock() {
        Run[] run = {new Run(0, false)};
        locks.executeWithLock((Runnable) () -> run[0] = new Run(runOnce(), true),
                new LockConfiguration(Instant.now(clock), LOCK, service.settings().getQuery().getLockAtMostFor(), Duration.ZERO));
        return run[0];
    }

    int runOnce() {
        int asked = 0;
        for (Transactions.Tx t : service.transactions().due(service.transactions().now(), service.settings().getQuery().getBatch())) {
            service.query(t);
            asked++;
        }
        return asked;
    }
}
