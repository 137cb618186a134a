package vn.lienthong.gateway.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import vn.lienthong.gateway.delivery.DeliveryDestination;
import vn.lienthong.gateway.delivery.StoredEvent;

/**
 * The engine's side of a batch, for driving a destination directly: every {@code hold} answers all the events
 * (the claim is held) or none (taken over), and is counted; applied parts are not committed.
 */
public final class FixedClaim implements DeliveryDestination.PartsProgress {
    private final boolean held;
    private final AtomicInteger holds = new AtomicInteger();

    private FixedClaim(boolean held) {
        this.held = held;
    }

    public static FixedClaim held() {
        return new FixedClaim(true);
    }

    public static FixedClaim takenOver() {
        return new FixedClaim(false);
    }

    /** How often the destination asked. */
    public int holds() {
        return holds.get();
    }

    @Override
    public void partsDone(List<DeliveryDestination.PartDone> done) {
    }

    @Override
    public List<StoredEvent> hold(List<StoredEvent> events) {
        holds.incrementAndGet();
        return held ? events : List.of();
    }
}
