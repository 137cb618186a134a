package vn.lienthong.gateway.delivery;

/**
 * What an administrator sees and does for one destination, in JConsole under
 * {@code vn.lienthong.gateway:type=Delivery,destination=<name>} and at {@code /admin/destinations/<name>}.
 */
public interface DeliveryControlMBean {
    String getDestination();
    /** Events waiting for their turn or for a retry. */
    long getPending();
    long getInFlight();
    /** Events that failed for good and block their dossier until replayed or skipped. */
    long getDead();
    long getDelivered();
    long getSkipped();
    /** Failed attempts since this instance started (transient and permanent). */
    long getFailedTotal();
    /** Seconds since the oldest event still waiting was accepted; 0 when nothing waits. */
    long getOldestPendingAgeSeconds();
    boolean isPaused();
    /** Events that went DEAD since this instance started. */
    long getDeadTotal();
    /** The destination's circuit breaker: CLOSED, OPEN (nothing is claimed or sent), HALF_OPEN, or NONE. */
    String getBreakerState();

    /** Puts a DEAD event back in the queue with a fresh attempt count; false if it is not DEAD. */
    boolean replay(long eventId);
    /** Replays every DEAD event of this destination; answers how many. */
    int replayAllDead();
    /** Gives up a DEAD (or waiting) event so the rest of its dossier can go; false if not allowed. */
    boolean skip(long eventId);
    void pause();
    void resume();
    /** Closes the destination's circuit breaker so delivery starts again at once; answers the new state. */
    String resetBreaker();
}
