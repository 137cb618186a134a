package vn.lienthong.gateway.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the events of concurrent requests in one transaction: requests that arrive while a commit is
 * running wait and go together in the next. Each request still gets its answer only after the commit that
 * holds its events, but an embedded database that writes every commit to disk (H2 with WRITE_DELAY=0)
 * does one write for many requests instead of one each.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Request(List<NewEvent> events, CompletableFuture<List<AcceptOutcome>> answer) {
    }

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Function<List<NewEvent>, List<AcceptOutcome>> commit;
    private final Function<List<NewEvent>, List<AcceptOutcome>> alone;
    private final int maxEvents;
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param commit stores a group in one transaction
     * @param alone  stores one request's events when the group failed, so one request's fault is its own
     */
    GroupCommit(Function<List<NewEvent>, List<AcceptOutcome>> commit, Function<List<NewEvent>, List<AcceptOutcome>> alone,
                int maxEvents) {
        this.commit = commit;
        this.alone = alone;
        this.maxEvents = maxEvents;
        this.writer = new Thread(this::run, "outbox-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    List<AcceptOutcome> submit(List<NewEvent> events) {
        if (closed) {
            throw new IllegalStateException("the outbox is shutting down");
        }
        Request r = new Request(events, new CompletableFuture<>());
        queue.add(r);
        try {
            return r.answer().get();
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

    private void run() {
        while (!closed) {
            List<Request> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            int n = group.get(0).events().size();
            Request next;
            while (n < maxEvents && (next = queue.peek()) != null && n + next.events().size() <= maxEvents) {
                group.add(queue.poll());
                n += next.events().size();
            }
            store(group);
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
            }
        }
        for (Request r : group) {
            try {
                r.answer().complete(alone.apply(r.events()));
            } catch (RuntimeException e) {
                r.answer().completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        Request r;
        while ((r = queue.poll()) != null) {
            r.answer().completeExceptionally(new IllegalStateException("the outbox is shutting down"));
        }
    }
}
