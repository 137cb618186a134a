package vn.lienthong.gateway.delivery;

/** Where an event stands on its way to its destination. */
public enum DeliveryState {
    /** Accepted and committed, waiting for its turn (earlier events of its partition go first). */
    QUEUED,
    /** Claimed by a dispatcher under a lease; reclaimed by another if the lease runs out (next_attempt_at holds its end). */
    IN_FLIGHT,
    /** Applied at the destination. */
    DELIVERED,
    /** Failed transiently; tried again at next_attempt_at. */
    RETRY_SCHEDULED,
    /** Failed permanently or past the retry limit; blocks its partition until replayed or skipped. */
    DEAD,
    /** Abandoned by an administrator; no longer blocks its partition. */
    SKIPPED
}
