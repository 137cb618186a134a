-- Signatures of accepted portal callbacks, for as long as their timestamp could still pass the clock-skew check:
-- the signature covers timestamp and body but not X-Portal-Message-Id, so without this a captured callback could be
-- sent again within the window under another message id and stored twice. Shared by every instance.
-- Portable SQL for H2 2.x and PostgreSQL.
CREATE TABLE callback_signature (
    signature   VARCHAR(64)  NOT NULL PRIMARY KEY, -- X-Portal-Signature (lowercase hex HMAC-SHA256)
    message_id  VARCHAR(100) NOT NULL,             -- X-Portal-Message-Id it first came with; a repeat must carry the same
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL  -- X-Portal-Timestamp; rows past the window are deleted
);

CREATE INDEX ix_callback_signature_signed ON callback_signature (signed_at);

-- Audit rows by time: the lookup volume alarm counts each client's last hour, the retention purge the oldest.
CREATE INDEX ix_lookup_audit_time ON lookup_audit (accessed_at);
