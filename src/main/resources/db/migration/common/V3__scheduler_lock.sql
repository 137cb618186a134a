-- ShedLock's lock table: a scheduled job (retention purge, reports) runs on one instance at a time.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);

-- Retention purges delivered events by age, oldest first.
CREATE INDEX ix_delivery_event_delivered ON delivery_event (state, delivered_at);
