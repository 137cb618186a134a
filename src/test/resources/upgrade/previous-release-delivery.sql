-- The delivery statements of the previous release (DeliveryStore at commit db74ddf), copied as that release sends
-- them: accept, claim and delivery. UpgradeCompatibilityTest runs them against a database migrated to the newest
-- schema, as an old instance would during a rolling upgrade. When a release changes these statements, this
-- file becomes that release's statements at the next one.
-- Format: "-- name: <statement> [h2|postgresql]" (no vendor: both) and the statement, with :named parameters.

-- name: accept.partition-has-events h2
SELECT id FROM delivery_event WHERE partition_hash = ORA_HASH(:d || '/' || :p) AND destination = :d AND partition_key = :p LIMIT 1
-- name: accept.partition-has-events postgresql
SELECT id FROM delivery_event WHERE destination = :d AND partition_key = :p LIMIT 1
-- name: accept.partition-lock postgresql
SELECT pg_advisory_xact_lock(k) IS NULL FROM unnest(ARRAY[:keys]::bigint[]) AS t(k)
-- name: accept.insert-event
INSERT INTO delivery_event (source, idem_key, request_hash, destination, partition_key, event_type, operation, group_key, parts_done, state, attempts, accepted_at, occurred_at, next_attempt_at, updated_at) VALUES (:source, :key, :hash, :dest, :part, :type, :op, :grp, 0, 'QUEUED', 0, :now, :occ, :now, :now)
-- name: accept.read-ids
SELECT id, idem_key FROM delivery_event WHERE idem_key IN (:k) AND source = :s
-- name: accept.insert-payload
INSERT INTO delivery_payload (event_id, payload) VALUES (:id, :payload)
-- name: accept.find-by-key
SELECT id, source, idem_key, request_hash, destination, partition_key, event_type, operation, group_key, payload, parts_done, state, attempts, accepted_at, occurred_at, next_attempt_at, lease_until, claim_token, last_error, delivered_at FROM delivery_event LEFT JOIN delivery_payload ON event_id = id WHERE idem_key = :k AND source = :s

-- name: claim.lease-now postgresql
SELECT CURRENT_TIMESTAMP
-- name: claim.queued h2
SELECT e.id FROM delivery_event e WHERE e.destination = :dest AND e.state = 'QUEUED' AND e.next_attempt_at <= :now AND COALESCE((SELECT p.state FROM delivery_event p WHERE p.partition_hash = e.partition_hash AND p.destination = e.destination AND p.partition_key = e.partition_key AND p.id < e.id AND p.state <> 'SKIPPED' ORDER BY p.partition_hash DESC, p.id DESC FETCH FIRST 1 ROW ONLY), 'DELIVERED') = 'DELIVERED' ORDER BY e.destination, e.state, e.next_attempt_at, e.id LIMIT :limit
-- name: claim.retry h2
SELECT e.id FROM delivery_event e WHERE e.destination = :dest AND e.state = 'RETRY_SCHEDULED' AND e.next_attempt_at <= :now AND COALESCE((SELECT p.state FROM delivery_event p WHERE p.partition_hash = e.partition_hash AND p.destination = e.destination AND p.partition_key = e.partition_key AND p.id < e.id AND p.state <> 'SKIPPED' ORDER BY p.partition_hash DESC, p.id DESC FETCH FIRST 1 ROW ONLY), 'DELIVERED') = 'DELIVERED' ORDER BY e.destination, e.state, e.next_attempt_at, e.id LIMIT :limit
-- name: claim.expired h2
SELECT e.id FROM delivery_event e WHERE e.destination = :dest AND e.state = 'IN_FLIGHT' AND e.next_attempt_at < :leaseNow AND e.lease_until < :leaseNow AND COALESCE((SELECT p.state FROM delivery_event p WHERE p.partition_hash = e.partition_hash AND p.destination = e.destination AND p.partition_key = e.partition_key AND p.id < e.id AND p.state <> 'SKIPPED' ORDER BY p.partition_hash DESC, p.id DESC FETCH FIRST 1 ROW ONLY), 'DELIVERED') = 'DELIVERED' ORDER BY e.destination, e.state, e.next_attempt_at, e.id LIMIT :limit
-- name: claim.queued postgresql
SELECT e.id FROM delivery_event e WHERE e.destination = :dest AND e.state = 'QUEUED' AND e.next_attempt_at <= :now AND (SELECT MIN(p.id) FROM delivery_event p WHERE p.destination = e.destination AND p.state IN ('QUEUED','RETRY_SCHEDULED','IN_FLIGHT','DEAD') AND p.partition_key = e.partition_key) = e.id ORDER BY e.next_attempt_at, e.id LIMIT :limit FOR UPDATE OF e SKIP LOCKED
-- name: claim.retry postgresql
SELECT e.id FROM delivery_event e WHERE e.destination = :dest AND e.state = 'RETRY_SCHEDULED' AND e.next_attempt_at <= :now AND (SELECT MIN(p.id) FROM delivery_event p WHERE p.destination = e.destination AND p.state IN ('QUEUED','RETRY_SCHEDULED','IN_FLIGHT','DEAD') AND p.partition_key = e.partition_key) = e.id ORDER BY e.next_attempt_at, e.id LIMIT :limit FOR UPDATE OF e SKIP LOCKED
-- name: claim.expired postgresql
SELECT e.id FROM delivery_event e WHERE e.destination = :dest AND e.state = 'IN_FLIGHT' AND e.next_attempt_at < :leaseNow AND e.lease_until < :leaseNow AND (SELECT MIN(p.id) FROM delivery_event p WHERE p.destination = e.destination AND p.state IN ('QUEUED','RETRY_SCHEDULED','IN_FLIGHT','DEAD') AND p.partition_key = e.partition_key) = e.id ORDER BY e.next_attempt_at, e.id LIMIT :limit FOR UPDATE OF e SKIP LOCKED
-- name: claim.update h2
UPDATE delivery_event SET state = 'IN_FLIGHT', claim_token = :token, claimed_by = :owner, lease_until = :lease, next_attempt_at = :lease, updated_at = :now WHERE id IN (:ids) AND ((state IN ('QUEUED','RETRY_SCHEDULED') AND next_attempt_at <= :now) OR (state = 'IN_FLIGHT' AND lease_until < :leaseNow))
-- name: claim.update postgresql
UPDATE delivery_event SET state = 'IN_FLIGHT', claim_token = :token, claimed_by = :owner, lease_until = :lease, next_attempt_at = :lease, updated_at = :now WHERE id IN (:ids)
-- name: claim.read
SELECT id, source, idem_key, request_hash, destination, partition_key, event_type, operation, group_key, payload, parts_done, state, attempts, accepted_at, occurred_at, next_attempt_at, lease_until, claim_token, last_error, delivered_at FROM delivery_event LEFT JOIN delivery_payload ON event_id = id WHERE id IN (:ids) AND claim_token = :token ORDER BY id

-- name: delivery.renew
UPDATE delivery_event SET lease_until = :until, next_attempt_at = :until, updated_at = :now WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'
-- name: delivery.renew-held
SELECT id FROM delivery_event WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'
-- name: delivery.part-done
UPDATE delivery_event SET parts_done = :n, operation = :op, updated_at = :now WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'
-- name: delivery.last-part-done
UPDATE delivery_event SET parts_done = :n, operation = :op, updated_at = :now, state = 'DELIVERED', delivered_at = :now, lease_until = NULL, last_error = NULL WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'
-- name: delivery.delivered
UPDATE delivery_event SET state = 'DELIVERED', delivered_at = :now, updated_at = :now, lease_until = NULL, last_error = NULL WHERE id IN (:ids) AND claim_token = :token AND state = 'IN_FLIGHT'
-- name: delivery.failed
UPDATE delivery_event SET state = :state, attempts = attempts + :inc, next_attempt_at = :next, last_error = :err, lease_until = NULL, updated_at = :now WHERE id = :id AND claim_token = :token AND state = 'IN_FLIGHT'
-- name: delivery.replay
UPDATE delivery_event SET state = 'QUEUED', attempts = 0, next_attempt_at = :now, updated_at = :now, last_error = CONCAT('replayed by administrator; was: ', COALESCE(last_error, '')) WHERE id = :id AND destination = :dest AND state = 'DEAD'
-- name: delivery.skip
UPDATE delivery_event SET state = 'SKIPPED', updated_at = :now, lease_until = NULL, last_error = CONCAT('skipped by administrator; was: ', COALESCE(last_error, '')) WHERE id = :id AND destination = :dest AND state IN ('DEAD','RETRY_SCHEDULED','QUEUED')
