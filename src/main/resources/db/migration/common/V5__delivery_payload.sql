-- Payloads apart from the outbox rows. An event's row changes three or four times on its way (claimed,
-- parts applied, delivered) and its payload never does; kept in the row, every change wrote the payload
-- again (on H2 every commit serialises the changed pages: the payload was most of those bytes).
-- Written once with the event, read with the claim, deleted with the event by the retention purge.
CREATE TABLE delivery_payload (
    event_id  BIGINT          NOT NULL PRIMARY KEY,  -- delivery_event.id
    payload   VARCHAR(262144) NOT NULL               -- translated message parts, JSON
);

INSERT INTO delivery_payload (event_id, payload) SELECT id, payload FROM delivery_event;

ALTER TABLE delivery_event DROP COLUMN payload;
