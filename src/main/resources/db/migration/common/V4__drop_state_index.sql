-- The claim, the gauges and the dead-event views read pending rows by (destination, state) on
-- ix_delivery_event_pending; nothing reads ix_delivery_event_state any more, and every state change
-- rewrote an entry in it (on H2, pages written again at each commit).
DROP INDEX ix_delivery_event_state;
