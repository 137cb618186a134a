package vn.lienthong.gateway.delivery;

import java.time.OffsetDateTime;

/** An outbox row as the engine and the status views see it. */
public record StoredEvent(long id, String source, String idemKey, String requestHash, String destination,
                          String partitionKey, String eventType, String operation, String groupKey,
                          String payload, int partsDone, DeliveryState state, int attempts,
                          OffsetDateTime acceptedAt, OffsetDateTime occurredAt, OffsetDateTime nextAttemptAt,
                          OffsetDateTime leaseUntil, String claimToken, String lastError,
                          OffsetDateTime deliveredAt) {
}
