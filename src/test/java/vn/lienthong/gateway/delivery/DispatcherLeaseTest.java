package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import vn.lienthong.gateway.storage.Durability;

/**
 * A batch that takes longer than its lease, because it needs several requests to its destination, must keep
 * its claim: no other dispatcher (another instance, or another worker after the lease) may send its events
 * meanwhile, and a dispatcher whose claim was taken over anyway must send nothing more. Two dispatchers over
 * one outbox stand for two instances; the destination records every request it would have sent.
 */
class DispatcherLeaseTest {
    private static final String DEST = "slow";
    /** Each request of the fake destination takes this long. */
    private static final long REQUEST_MS = 600;

    private JdbcDataSource ds;
    private DeliveryStore store;
    private final List<Dispatcher> dispatchers = new ArrayList<>();
    /** "owner:event id:request number" of every request sent. */
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void outbox() {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:lease-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        store = new DeliveryStore(ds, new DataSourceTransactionManager(ds), Clock.systemUTC(), Durability.of(ds, false));
    }

    @AfterEach
    void close() {
        dispatchers.forEach(Dispatcher::close);
        store.close();
    }

    @Test
    void aBatchLongerThanItsLeaseRenewsItBeforeARequestSoNoOtherClaimSendsItsEvents() throws Exception {
        // Seven requests of 600 ms each (4.2 s); a request may take 1.5 s and the margin is 0.2 s, so a claim lasts
        // 3.4 s (twice 1.7 s). A request starting after 1.7 s renews it first; without that the other dispatcher
        // takes the events at 3.4 s, while the sixth and seventh requests are still to come.
        Destination destination = new Destination("first", 7, Duration.ofMillis(1500), null);
        accept("d-1", "d-2");
        Dispatcher first = dispatcher(destination, Duration.ofMillis(200));
        Dispatcher second = dispatcher(new Destination("second", 7, Duration.ofMillis(1500), null), Duration.ofMillis(200));
        first.wake();
        assertThat(destination.started.await(5, TimeUnit.SECONDS)).isTrue();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (System.nanoTime() < until && !allDelivered(2)) {
            second.wake(); // the other instance looks for claimable events all the time
            Thread.sleep(50);
        }

        assertThat(allDelivered(2)).as("both events delivered").isTrue();
        List<String> expected = new ArrayList<>();
        for (int r = 1; r <= 7; r++) {
            expected.add("first:1:" + r);
            expected.add("first:2:" + r);
        }
        assertThat(sent).as("every request once, all by the dispatcher that claimed first")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aDispatcherWhoseClaimWasTakenOverSendsNothingMore() throws Exception {
        // The first request hangs past the whole lease (longer than the destination said a request can take):
        // the other dispatcher takes the events over and delivers them; the first must not send its second request.
        CountDownLatch release = new CountDownLatch(1);
        Destination destination = new Destination("first", 2, Duration.ofMillis(300), release);
        accept("d-1");
        Dispatcher first = dispatcher(destination, Duration.ofMillis(100));
        Dispatcher second = dispatcher(new Destination("second", 2, Duration.ofMillis(300), null), Duration.ofMillis(100));
        first.wake();
        assertThat(destination.started.await(5, TimeUnit.SECONDS)).isTrue();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until && !allDelivered(1)) {
            second.wake();
            Thread.sleep(50);
        }
        assertThat(allDelivered(1)).as("taken over and delivered by the other dispatcher").isTrue();
        release.countDown(); // the first dispatcher's hung request returns now
        Thread.sleep(2 * REQUEST_MS);

        assertThat(sent).as("the first sent only the request it hung in").containsExactlyInAnyOrder(
                "first:1:1", "second:1:1", "second:1:2");
    }

    private boolean allDelivered(long n) {
        return store.counts(DEST).getOrDefault(DeliveryState.DELIVERED, 0L) == n;
    }

    private void accept(String... dossiers) {
        List<NewEvent> events = new ArrayList<>();
        for (String d : dossiers) {
            events.add(new NewEvent("test", "e-" + d, "h", DEST, d, "status", "create", "agency", "{}", OffsetDateTime.now()));
        }
        store.accept(events);
    }

    private Dispatcher dispatcher(Destination destination, Duration margin) {
        DeliveryProperties cfg = new DeliveryProperties();
        cfg.setLease(Duration.ofMillis(500)); // shorter than twice a request: the dispatcher lengthens it
        cfg.setLeaseMargin(margin);
        cfg.setInitialBackoff(Duration.ofMillis(50));
        cfg.setMaxBackoff(Duration.ofMillis(100));
        Dispatcher d = new Dispatcher(destination, store, new RetryPolicy(cfg), cfg, Clock.systemUTC(), destination.owner);
        dispatchers.add(d);
        return d;
    }

    /** Sends each event of a batch in {@code requests} requests, one after another, recording each. */
    private final class Destination implements DeliveryDestination {
        final CountDownLatch started = new CountDownLatch(1);
        final String owner;
        private final int requests;
        private final Duration longest;
        /** When set, the first request of the first batch hangs until it opens. */
        private final CountDownLatch hang;
        private volatile boolean hung;

        Destination(String owner, int requests, Duration longest, CountDownLatch hang) {
            this.owner = owner;
            this.requests = requests;
            this.longest = longest;
            this.hang = hang;
        }

        @Override
        public String name() {
            return DEST;
        }

        @Override
        public int maxBatch() {
            return 10;
        }

        @Override
        public Duration holdOff() {
            return Duration.ZERO;
        }

        @Override
        public Duration longestRequest() {
            return longest;
        }

        @Override
        public List<DeliveryResult> deliver(List<StoredEvent> batch, PartsProgress progress) {
            started.countDown();
            List<StoredEvent> left = batch;
            for (int r = 1; r <= requests; r++) {
                left = progress.hold(left);
                if (left.isEmpty()) {
                    break;
                }
                for (StoredEvent e : left) {
                    sent.add(owner + ":" + e.id() + ":" + r);
                }
                sleep(REQUEST_MS);
                if (hang != null && !hung) {
                    hung = true;
                    try {
                        hang.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            List<DeliveryResult> results = new ArrayList<>();
            for (StoredEvent e : batch) {
                results.add(left.contains(e) ? DeliveryResult.delivered(e) : DeliveryResult.notAttempted(e, "claim lost", null));
            }
            return results;
        }

        private void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
