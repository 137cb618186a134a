-- H2 claims (DeliveryStore.claim) walk each claimable state's events in the order they fell due and keep the
-- heads of their dossiers, as on PostgreSQL (V6, V7), instead of grouping every pending event of the
-- destination at each claim: after an outage that pass read the whole backlog per claim (at 260,000 queued
-- events the dispatcher did nothing else). H2 has no partial indexes, and at its next store it writes every
-- index page a commit touched, with the pages above it, so both indexes are shaped for few, small page writes:
-- * the walk's index holds every state (delivered rows sit in their own range) in due order: acceptance order
--   for new events, the lease's end for claims, the retry time for retries. Its writes land on the last pages
--   of each state, where the old (destination, state, partition_key, id) index had each insert and state
--   change write a page picked by the dossier;
-- * a dossier's events are found by a hash of destination and dossier (partition_hash, derived by H2) and id:
--   entries of a few bytes instead of 50, written once, at insert (the partition index was 37 % of all bytes H2
--   wrote). Queries also compare destination and partition_key, so a hash collision costs a row read, never a
--   wrong answer. The head probe reads the event before this one in its dossier (skipped ones passed over): an
--   event is delivered only as its dossier's head, so a delivered predecessor means nothing earlier is unsettled.
DROP INDEX ix_delivery_event_pending;
CREATE INDEX ix_delivery_event_due ON delivery_event (destination, state, next_attempt_at, id);
ALTER TABLE delivery_event ADD COLUMN partition_hash BIGINT GENERATED ALWAYS AS (ORA_HASH(destination || '/' || partition_key));
DROP INDEX ix_delivery_event_partition;
CREATE INDEX ix_delivery_event_partition ON delivery_event (partition_hash, id);
