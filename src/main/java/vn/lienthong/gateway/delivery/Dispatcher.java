package vn.lienthong.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Moves events of one destination out of the outbox: up to {@code parallelism} workers, each claiming a
 * batch of partition heads, delivering it and settling every event, until nothing is claimable. Order
 * within a partition holds because only a head is ever claimed and a head stays in the way (in flight,
 * scheduled for retry or dead) until it is settled.
 */
public class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryDestination destination;
    private final DeliveryStore store;
    private final RetryPolicy retry;
    private final DeliveryProperties cfg;
    private final Clock clock;
    private final String owner;
    private final ExecutorService workers;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean paused;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object claimLock = new Object();
    private final AtomicLong deliveredTotal = new AtomicLong();
    private final AtomicLong failedTotal = new AtomicLong();
    private final AtomicLong deadTotal = new AtomicLong();
    private volatile BatchObserver observer = BatchObserver.NONE;
    /** What a claim must still last when a request starts: the destination's longest request and the margin. */
    private final Duration needed;
    /** A claim's lease, and a renewal's: the configured lease, or twice {@link #needed} if that is longer. */
    private final Duration lease;

    /** Told how long each batch took at the destination, for the latency histogram. */
    @FunctionalInterface
    public interface BatchObserver {
        BatchObserver NONE = (destination, size, nanos) -> { };

        void delivered(String destination, int size, long nanos);
    }

    public Dispatcher(DeliveryDestination destination, DeliveryStore store, RetryPolicy retry,
                      DeliveryProperties cfg, Clock clock, String owner) {
        this.destination = destination;
        this.store = store;
        this.retry = retry;
        this.cfg = cfg;
        this.clock = clock;
        this.owner = owner;
        this.needed = destination.longestRequest().plus(cfg.getLeaseMargin());
        Duration twice = needed.multipliedBy(2);
        this.lease = cfg.getLease().compareTo(twice) >= 0 ? cfg.getLease() : twice;
        if (!lease.equals(cfg.getLease())) {
            log.warn("claims of {} last {}, not gateway.delivery.lease={}: a request to it may take {} and must end "
                    + "{} (gateway.delivery.lease-margin) before its claim does", destination.name(), lease, cfg.getLease(),
                    destination.longestRequest(), cfg.getLeaseMargin());
        }
        this.paused = new AtomicBoolean(!cfg.isAutoStart());
        this.workers = Executors.newFixedThreadPool(cfg.getParallelism(), r -> {
            Thread t = new Thread(r, "delivery-" + destination.name() + "-" + running.get());
            t.setDaemon(true);
            return t;
        });
    }

    public String destination() {
        return destination.name();
    }

    /** The destination's circuit breaker, or null. */
    public io.github.resilience4j.circuitbreaker.CircuitBreaker circuitBreaker() {
        return destination.circuitBreaker();
    }

    /**
     * Makes sure a worker is running; called on every tick of the dispatch route and after each acceptance.
     * More workers join only when a claim comes back full (a backlog, see {@link #work}): while one worker keeps
     * up, the events that arrive during its round make its next batch, so a destination gets fewer, fuller calls
     * and the outbox fewer commits than with every worker taking a few events each.
     */
    public void wake() {
        start(1);
    }

    /** Starts one more worker if fewer than {@code upTo} are running. */
    private void start(int upTo) {
        if (paused.get() || closed.get()) {
            return;
        }
        int limit = Math.min(upTo, cfg.getParallelism());
        while (true) {
            int r = running.get();
            if (r >= limit) {
                return;
            }
            if (running.compareAndSet(r, r + 1)) {
                try {
                    workers.execute(this::work);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    running.decrementAndGet();
                }
                return;
            }
        }
    }

    private void work() {
        try {
            while (!paused.get() && !closed.get()) {
                if (!destination.holdOff().isZero()) {
                    return;
                }
                List<StoredEvent> batch;
                synchronized (claimLock) {
                    batch = store.claim(destination.name(), destination.maxBatch(), owner, lease);
                }
                if (batch.isEmpty()) {
                    return;
                }
                if (batch.size() == destination.maxBatch()) {
                    start(cfg.getParallelism()); // a full batch means a backlog: another worker takes the next one meanwhile
                }
                long start = System.nanoTime();
                java.util.Set<Long> completed = new java.util.HashSet<>();
                List<DeliveryResult> results = deliverSafely(batch, completed);
                observer.delivered(destination.name(), batch.size(), System.nanoTime() - start);
                settle(results, completed);
            }
        } catch (RuntimeException e) {
            log.error("dispatcher of {} stopped a round on an unexpected error; claims are retaken after the lease",
                    destination.name(), e);
        } finally {
            running.decrementAndGet();
        }
    }

    /** Delivers a batch; {@code completed} receives the events whose last part was committed as delivered. */
    private List<DeliveryResult> deliverSafely(List<StoredEvent> batch, java.util.Set<Long> completed) {
        try {
            return destination.deliver(batch, new Claim(batch, completed));
        } catch (RuntimeException e) {
            log.warn("delivery to {} failed for a batch of {}: {}", destination.name(), batch.size(), e.toString());
            List<DeliveryResult> all = new ArrayList<>();
            batch.forEach(ev -> all.add(DeliveryResult.transientFailure(ev, e.toString(), null)));
            return all;
        }
    }

    /**
     * One claimed batch while its destination works on it: commits applied parts, and keeps the claim alive. A
     * request starts only while the lease outlasts the destination's longest request and the margin; when it
     * would end sooner the batch's lease is renewed first. So no other claim (another instance, another worker
     * after the lease) can take an event while a request carrying it may still be on the wire or its answer not
     * yet committed, however many requests a batch takes (provided requests keep to their timeouts). The lease's
     * end and "now" are both read on the store's lease clock (the database's on PostgreSQL, so instance clocks do
     * not matter; this JVM's on H2), and a renewal's end is counted from before it was sent.
     */
    private final class Claim implements DeliveryDestination.PartsProgress {
        private final List<StoredEvent> batch;
        private final java.util.Set<Long> completed;
        private final String token;
        /** Events this claim no longer holds: taken over by another claim, or settled. */
        private final java.util.Set<Long> gone = new java.util.HashSet<>();
        /** When the lease ends, on the store's lease clock. */
        private OffsetDateTime leaseEnd;

        Claim(List<StoredEvent> batch, java.util.Set<Long> completed) {
            this.batch = batch;
            this.completed = completed;
            this.token = batch.get(0).claimToken();
            this.leaseEnd = batch.get(0).leaseUntil();
        }

        @Override
        public synchronized void partsDone(List<DeliveryDestination.PartDone> done) {
            java.util.Set<Long> held = store.markPartsDone(done);
            for (DeliveryDestination.PartDone d : done) {
                long id = d.event().id();
                if (!held.contains(id)) {
                    gone.add(id);
                } else if (d.last()) {
                    completed.add(id);
                    gone.add(id);
                }
            }
            if (held.size() != done.size()) {
                log.warn("{} events of {} lost their claim while delivering", done.size() - held.size(), destination.name());
            }
        }

        @Override
        public synchronized List<StoredEvent> hold(List<StoredEvent> events) {
            OffsetDateTime now;
            try {
                now = store.leaseNow();
            } catch (org.springframework.dao.DataAccessException e) {
                log.warn("could not read the lease clock for {} events to {}: {}", events.size(), destination.name(), e.toString());
                return List.of();
            }
            if (now.plus(needed).isAfter(leaseEnd)) {
                List<Long> ids = batch.stream().map(StoredEvent::id).filter(id -> !gone.contains(id)).toList();
                java.util.Set<Long> held;
                try {
                    held = store.renew(ids, token, lease);
                } catch (org.springframework.dao.DataAccessException e) {
                    // Not known to be held long enough: send nothing now (not counted as an attempt); the settle
                    // that follows reschedules what is still ours, or the lease hands it on.
                    log.warn("could not renew the claim of {} events to {}: {}", ids.size(), destination.name(), e.toString());
                    return List.of();
                }
                ids.stream().filter(id -> !held.contains(id)).forEach(gone::add);
                leaseEnd = now.plus(lease);
                log.info("claim of {} events to {} renewed for {}{}", held.size(), destination.name(), lease,
                        held.size() == ids.size() ? "" : "; " + (ids.size() - held.size()) + " were taken over meanwhile");
            }
            return events.stream().filter(e -> !gone.contains(e.id())).toList();
        }
    }

    /** Writes what {@link Settlement} decided of a batch's results. */
    private void settle(List<DeliveryResult> results, java.util.Set<Long> completed) {
        Settlement.Plan plan = Settlement.of(results, completed, retry, OffsetDateTime.now(clock));
        failedTotal.addAndGet(plan.failed());
        for (Settlement.Change c : plan.changes()) {
            StoredEvent e = c.event();
            boolean written = store.markFailed(e, c.state(), c.nextAttempt(), c.reason(), c.countAttempt());
            if (c.dead()) {
                if (written) {
                    deadTotal.incrementAndGet();
                    log.warn("event {} (key {}, partition {}) to {} is DEAD and blocks its partition: {}", e.id(), e.idemKey(),
                            e.partitionKey(), destination.name(), c.reason());
                }
            } else if (c.countAttempt()) {
                log.info("event {} (partition {}) to {} failed attempt {}: {}; next attempt at {}", e.id(),
                        e.partitionKey(), destination.name(), c.attempt(), c.reason(), c.nextAttempt());
            } else {
                log.debug("event {} to {} not attempted: {}", e.id(), destination.name(), c.reason());
            }
        }
        List<StoredEvent> delivered = plan.delivered();
        int n = store.markDelivered(delivered);
        deliveredTotal.addAndGet(n + completed.size());
        if (n != delivered.size()) {
            log.warn("{} of {} delivered events of {} had lost their claim", delivered.size() - n, delivered.size(),
                    destination.name());
        }
    }

    public void observe(BatchObserver o) {
        this.observer = o == null ? BatchObserver.NONE : o;
    }

    public void pause() {
        paused.set(true);
        log.info("delivery to {} paused", destination.name());
    }

    public void resume() {
        paused.set(false);
        log.info("delivery to {} resumed", destination.name());
        wake();
    }

    public boolean isPaused() {
        return paused.get();
    }

    public int inFlightWorkers() {
        return running.get();
    }

    public long deliveredTotal() {
        return deliveredTotal.get();
    }

    public long failedTotal() {
        return failedTotal.get();
    }

    public long deadTotal() {
        return deadTotal.get();
    }

    @Override
    public void close() {
        closed.set(true);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
