-- PostgreSQL claims (DeliveryStore.claim) read only what is still pending, through partial indexes that hold
-- no delivered history, so their cost follows the backlog, not the table:
-- * the walk over one claimable state, in the order events fell due. Ordered by (next_attempt_at, id), which
--   no other index gives: walking in id order let the planner take the primary key instead and filter every
--   delivered row before the first pending one (206,100 rows read for a claim of 100: 80-180 ms);
-- * the head probe (is there an earlier unsettled event of this dossier?): one index entry, where
--   ix_delivery_event_pending and ix_delivery_event_partition made it read the dossier's delivered events.
-- An event leaves both indexes when it is delivered or skipped.
DROP INDEX ix_delivery_event_claim_order;
CREATE INDEX ix_delivery_event_due ON delivery_event (destination, state, next_attempt_at, id)
    WHERE state IN ('QUEUED', 'RETRY_SCHEDULED', 'IN_FLIGHT');
CREATE INDEX ix_delivery_event_unsettled ON delivery_event (destination, partition_key, id)
    WHERE state IN ('QUEUED', 'RETRY_SCHEDULED', 'IN_FLIGHT', 'DEAD');
-- Nothing on PostgreSQL reads this one any more (the grouped claim pass is H2's), and every state change
-- wrote an entry to it.
DROP INDEX ix_delivery_event_pending;
