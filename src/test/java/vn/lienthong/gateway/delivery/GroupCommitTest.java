package vn.lienthong.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The group commit's faults: a commit that hangs, one that throws an Error. */
class GroupCommitTest {
    private final List<String> committed = new CopyOnWriteArrayList<>();

    private static NewEvent event(String key) {
        return new NewEvent("test", key, "hash", "d", "p", "t", "op", "g", "{}", OffsetDateTime.now());
    }

    private Function<List<NewEvent>, List<AcceptOutcome>> recording(CountDownLatch gate, CountDownLatch entered) {
        return events -> {
            entered.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.forEach(e -> committed.add(e.idemKey()));
            return events.stream().map(e -> (AcceptOutcome) null).toList();
        };
    }

    /**
     * A commit that hangs: the request the writer holds times out as "may be stored", one still queued behind it is
     * withdrawn ("nothing stored") and is never committed once the writer moves on.
     */
    @Test
    void shouldAnswerInTimeAndNeverStoreWithdrawnRequestWhenCommitHangs() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Function<List<NewEvent>, List<AcceptOutcome>> commit = recording(gate, entered);
        try (GroupCommit g = new GroupCommit(commit, commit, 1000, Duration.ofMillis(300))) {
            CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> catching(() -> g.submit(List.of(event("held")))));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            long start = System.nanoTime();
            AcceptUnconfirmedException queued = assertThrows(AcceptUnconfirmedException.class, () -> g.submit(List.of(event("queued"))));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            assertFalse(queued.maybeStored());
            Throwable held = first.get(10, TimeUnit.SECONDS);
            assertTrue(held instanceof AcceptUnconfirmedException u && u.maybeStored(), String.valueOf(held));
            gate.countDown();
            g.submit(List.of(event("after")));
            assertEquals(List.of("held", "after"), committed);
        }
    }

    /** An Error in a commit fails that request (503) and the writer goes on with the next. */
    @Test
    void shouldKeepWritingWhenCommitThrowsError() {
        boolean[] fail = {true};
        Function<List<NewEvent>, List<AcceptOutcome>> commit = events -> {
            if (fail[0]) {
                fail[0] = false;
                throw new OutOfMemoryError("test");
            }
            events.forEach(e -> committed.add(e.idemKey()));
            return events.stream().map(e -> (AcceptOutcome) null).toList();
        };
        try (GroupCommit g = new GroupCommit(commit, commit, 1000, Duration.ofSeconds(10))) {
            AcceptUnconfirmedException e = assertThrows(AcceptUnconfirmedException.class, () -> g.submit(List.of(event("boom"))));
            assertTrue(e.maybeStored());
            g.submit(List.of(event("next")));
            assertEquals(List.of("next"), committed);
        }
    }

    private static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
