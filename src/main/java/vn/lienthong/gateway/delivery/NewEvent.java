package vn.lienthong.gateway.delivery;

import java.time.OffsetDateTime;

/** An event to store in the outbox, already validated and translated by its flow. */
public record NewEvent(String source, String idemKey, String requestHash, String destination,
                       String partitionKey, String eventType, String operation, String groupKey,
                       String payload, OffsetDateTime occurredAt) {
}
