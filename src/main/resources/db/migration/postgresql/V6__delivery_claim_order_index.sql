-- PostgreSQL claims heads by walking pending events of one state in acceptance order (LIMIT stops the walk)
-- and probing ix_delivery_event_pending for an earlier unsettled event of the same dossier; this index gives
-- that order without reading the delivered history or sorting the backlog (DeliveryStore.claim).
CREATE INDEX ix_delivery_event_claim_order ON delivery_event (destination, state, id);
