package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import vn.lienthong.gateway.storage.Durability;
import vn.lienthong.gateway.support.TestDatabase;

/**
 * Two instances accepting events of one dossier at the same moment on PostgreSQL: the event inserted first
 * must also be the first a claim can see, or the later one would be claimed as the dossier's head and sent
 * first. Instance A's commit is held back after its insert; instance B's insert into the same dossier must
 * wait for it (and B's writer with it), while B's groups of other dossiers store before that. Also: leases go
 * by the database's clock, not an instance's. Skipped without a PostgreSQL URL
 * ({@link TestDatabase#SKIP_MESSAGE}).
 */
class ConcurrentInstancesPostgresTest {
    private static final String DEST = "portal";

    private TestDatabase db;
    private DeliveryStore a;
    private DeliveryStore b;
    private PGSimpleDataSource pg;
    private final CountDownLatch releaseCommit = new CountDownLatch(1);
    /** Opens when A's transaction, its rows inserted, reaches its commit. */
    private final CountDownLatch atCommit = new CountDownLatch(1);
    private volatile boolean holdCommits = true;

    @BeforeEach
    void stores() {
        db = TestDatabase.postgres().orElse(null);
        assumeTrue(db != null, TestDatabase.SKIP_MESSAGE);
        pg = new PGSimpleDataSource();
        pg.setUrl(db.jdbcUrl());
        pg.setUser(db.user());
        Flyway.configure().dataSource(pg).schemas(db.schema()).defaultSchema(db.schema())
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        DataSource held = new DelegatingDataSource(pg) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                return commitHeldBack(super.getConnection());
            }
        };
        a = new DeliveryStore(held, new DataSourceTransactionManager(held), Clock.systemUTC(), Durability.of(held, false));
        b = store(Duration.ZERO);
    }

    @AfterEach
    void close() {
        releaseCommit.countDown();
        if (a != null) {
            a.close();
            b.close();
        }
    }

    @Test
    void aLaterEventOfTheDossierWaitsForTheEarlierInsertSoItIsNeverClaimedFirst() throws Exception {
        CompletableFuture<List<AcceptOutcome>> first = CompletableFuture.supplyAsync(() -> a.accept(List.of(event("e-1", "D"))));
        assertThat(atCommit.await(10, TimeUnit.SECONDS)).as("A inserted and waits at its commit").isTrue();

        CompletableFuture<List<AcceptOutcome>> other = CompletableFuture.supplyAsync(() -> b.accept(List.of(event("e-x", "OTHER"))));
        assertThat(other.get(5, TimeUnit.SECONDS)).hasSize(1); // another dossier is not held up
        CompletableFuture<List<AcceptOutcome>> second = CompletableFuture.supplyAsync(() -> b.accept(List.of(event("e-2", "D"))));
        try {
            second.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException expected) {
            // waiting for A's commit, as it should
        }
        assertThat(second).as("B's insert into dossier D waits for A's").isNotDone();
        assertThat(b.claim(DEST, 10, "b", Duration.ofSeconds(30))).extracting(StoredEvent::partitionKey)
                .as("what B can claim meanwhile").containsExactly("OTHER");

        holdCommits = false;
        releaseCommit.countDown();
        long firstId = first.get(5, TimeUnit.SECONDS).get(0).event().id();
        long secondId = second.get(5, TimeUnit.SECONDS).get(0).event().id();
        assertThat(firstId).as("the earlier event has the lower id").isLessThan(secondId);
        assertThat(b.claim(DEST, 10, "b", Duration.ofSeconds(30))).extracting(StoredEvent::id)
                .as("D's head is the earlier event").containsExactly(firstId);
    }

    /**
     * Leases are set and judged by the database's clock: a claim of 10 s made by an instance whose clock runs
     * 30 s behind is not seen as expired by another, and an instance whose clock runs 30 s ahead does not take
     * over a fresh claim.
     */
    @Test
    void instancesWhoseClocksRunBehindOrAheadNeitherShortenNorTakeOverAClaim() {
        holdCommits = false;
        releaseCommit.countDown();
        DeliveryStore behind = store(Duration.ofSeconds(-30));
        DeliveryStore ahead = store(Duration.ofSeconds(30));
        try {
            behind.accept(List.of(event("e-1", "D"))); // due on its own clock
            assertThat(behind.claim(DEST, 10, "behind", Duration.ofSeconds(10))).hasSize(1);
            assertThat(b.claim(DEST, 10, "b", Duration.ofSeconds(10))).as("claimed by b after the one behind").isEmpty();

            b.accept(List.of(event("e-2", "D2")));
            assertThat(b.claim(DEST, 10, "b", Duration.ofSeconds(10))).extracting(StoredEvent::partitionKey).containsExactly("D2");
            assertThat(ahead.claim(DEST, 10, "ahead", Duration.ofSeconds(10))).as("claimed by the instance ahead").isEmpty();
        } finally {
            behind.close();
            ahead.close();
        }
    }

    private DeliveryStore store(Duration clockOffset) {
        return new DeliveryStore(pg, new DataSourceTransactionManager(pg), Clock.offset(Clock.systemUTC(), clockOffset),
                Durability.of(pg, false));
    }

    private static NewEvent event(String key, String dossier) {
        return new NewEvent("test", key, "h", DEST, dossier, "status", "create", "agency", "{}", OffsetDateTime.now());
    }

    private Connection commitHeldBack(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && holdCommits) {
                        atCommit.countDown();
                        releaseCommit.await(10, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
