package vn.lienthong.gateway.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the events of concurrent requests in one transaction: requests that arrive while a commit is
 * running wait and go together in the next. Each request still gets its answer only after the commit that
 * holds its events, but an embedded database that writes every commit to disk (H2 with WRITE_DELAY=0)
 * does one write for many requests instead of one each.
 *
 * <p>A request waits at most {@code timeout} ({@link AcceptUnconfirmedException}). One the writer has not taken yet is
 * withdrawn then and never stored; one it has taken may still be committed, and its sender, told 503, repeats it
 * under the same idempotency key. The writer survives any failure of a commit, {@link Error}s included, and a writer
 * thread that died anyway is replaced by the next request.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int WAITING = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;

    private record Request(List<NewEvent> events, CompletableFuture<List<AcceptOutcome>> answer, AtomicInteger state) {
    }

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Function<List<NewEvent>, List<AcceptOutcome>> commit;
    private final Function<List<NewEvent>, List<AcceptOutcome>> alone;
    private final int maxEvents;
    private final Duration timeout;
    private Thread writer;
    private volatile boolean closed;

    /**
     * @param commit  stores a group in one transaction
     * @param alone   stores one request's events when the group failed, so one request's fault is its own
     * @param timeout longest a request waits for its commit
     */
    GroupCommit(Function<List<NewEvent>, List<AcceptOutcome>> commit, Function<List<NewEvent>, List<AcceptOutcome>> alone,
                int maxEvents, Duration timeout) {
        this.commit = commit;
        this.alone = alone;
        this.maxEvents = maxEvents;
        this.timeout = timeout;
        ensureWriter();
    }

    List<AcceptOutcome> submit(List<NewEvent> events) {
        if (closed) {
            throw new IllegalStateException("the outbox is shutting down");
        }
        ensureWriter();
        Request r = new Request(events, new CompletableFuture<>(), new AtomicInteger(WAITING));
        queue.add(r);
        try {
            return r.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            boolean withdrawn = r.state().compareAndSet(WAITING, WITHDRAWN);
            if (withdrawn) {
                queue.remove(r);
            }
            log.warn("an accept of {} events waited {} ms for its commit and was answered 503 ({})", events.size(),
                    timeout.toMillis(), withdrawn ? "withdrawn, nothing stored" : "taken by the writer, may be stored");
            throw new AcceptUnconfirmedException("no commit within " + timeout.toMillis() + " ms", !withdrawn);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Starts the writer thread, or a new one when the last died. */
    private synchronized void ensureWriter() {
        if (writer != null && writer.isAlive() || closed) {
            return;
        }
        if (writer != null) {
            log.error("the outbox writer thread had died; a new one takes over");
        }
        writer = new Thread(this::run, "outbox-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    private void run() {
        while (!closed) {
            List<Request> group = new ArrayList<>();
            try {
                take(group, queue.take());
            } catch (InterruptedException e) {
                return;
            }
            int n = group.isEmpty() ? 0 : group.get(0).events().size();
            Request next;
            while (n < maxEvents && (next = queue.peek()) != null && n + next.events().size() <= maxEvents) {
                take(group, queue.poll());
                n += next.events().size();
            }
            if (!group.isEmpty()) {
                store(group);
            }
        }
    }

    /** Adds the request to the group unless its sender has withdrawn it. */
    private static void take(List<Request> group, Request r) {
        if (r != null && r.state().compareAndSet(WAITING, TAKEN)) {
            group.add(r);
        }
    }

    private void store(List<Request> group) {
        if (group.size() > 1) {
            List<NewEvent> all = new ArrayList<>();
            group.forEach(r -> all.addAll(r.events()));
            try {
                List<AcceptOutcome> outcomes = commit.apply(all);
                int i = 0;
                for (Request r : group) {
                    r.answer().complete(List.copyOf(outcomes.subList(i, i + r.events().size())));
                    i += r.events().size();
                }
                return;
            } catch (RuntimeException e) {
                log.debug("group of {} requests failed together ({}); storing them one by one", group.size(), e.toString());
            } catch (Error e) {
                failAll(group, e);
                return;
            }
        }
        for (Request r : group) {
            try {
                r.answer().complete(alone.apply(r.events()));
            } catch (RuntimeException e) {
                r.answer().completeExceptionally(e);
            } catch (Error e) {
                failAll(List.of(r), e);
            }
        }
    }

    /** An Error in a commit fails its requests (503: their senders repeat them) and leaves the writer running. */
    private static void failAll(List<Request> group, Error e) {
        log.error("the outbox writer caught {} storing {} requests; they are answered 503 and the writer goes on",
                e.getClass().getName(), group.size(), e);
        for (Request r : group) {
            r.answer().completeExceptionally(new AcceptUnconfirmedException("the writer failed: " + e.getClass().getName(), true));
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread w;
        synchronized (this) {
            w = writer;
        }
        if (w != null) {
            w.interrupt();
        }
        Request r;
        while ((r = queue.poll()) != null) {
            r.answer().completeExceptionally(new IllegalStateException("the outbox is shutting down"));
        }
    }
}
