-- The audit log of personal-data access is append-only for every role but the table's owner (the migration user):
-- with row security on, another role reads and inserts every row, updates none, and deletes only rows older than
-- the legal retention below, which is what the retention purge deletes (ops/RetentionJob). A gateway that runs as
-- the owner is not affected (an owner bypasses row security); config/postgres-grants.sql sets up the runtime role.
-- The floor is changed by the owner alone: UPDATE lookup_audit_policy SET min_retention = INTERVAL '…'.
CREATE TABLE lookup_audit_policy (
    id             INT      NOT NULL PRIMARY KEY CHECK (id = 1),
    min_retention  INTERVAL NOT NULL  -- audit rows younger than this cannot be deleted but by the owner
);
INSERT INTO lookup_audit_policy (id, min_retention) VALUES (1, INTERVAL '1825 days');
ALTER TABLE lookup_audit_policy ENABLE ROW LEVEL SECURITY;
CREATE POLICY lookup_audit_policy_read ON lookup_audit_policy FOR SELECT USING (true);

ALTER TABLE lookup_audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY lookup_audit_read ON lookup_audit FOR SELECT USING (true);
CREATE POLICY lookup_audit_append ON lookup_audit FOR INSERT WITH CHECK (true);
CREATE POLICY lookup_audit_purge ON lookup_audit FOR DELETE
    USING (accessed_at < CURRENT_TIMESTAMP - (SELECT min_retention FROM lookup_audit_policy WHERE id = 1));
