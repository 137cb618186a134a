-- Database roles of a PostgreSQL deployment (docs/security.md, "Database roles"). Two roles:
--   owner    the migration user: owns the schema, runs Flyway (spring.flyway.user / SPRING_FLYWAY_USER), never serves
--   runtime  the user the gateway runs as (GATEWAY_DB_USER): reads and writes rows, changes no table
-- Run as a superuser or as the owner, with psql's variables, before the first start and again after each release's
-- first start (it is idempotent):
--   psql "$ADMIN_URL" -v schema=lienthong -v owner=lienthong_owner -v runtime=lienthong_app -f config/postgres-grants.sql
-- The roles themselves (CREATE ROLE … LOGIN PASSWORD …) and the schema (CREATE SCHEMA … AUTHORIZATION owner) are the
-- database administrator's.

GRANT USAGE ON SCHEMA :"schema" TO :"runtime";
REVOKE CREATE ON SCHEMA :"schema" FROM :"runtime";

-- Tables and sequences the owner's migrations create, now and in later releases: rows only.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA :"schema" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"runtime";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA :"schema" GRANT USAGE, SELECT ON SEQUENCES TO :"runtime";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA :"schema" TO :"runtime";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA :"schema" TO :"runtime";

-- Once the migrations have run (the tables exist): Flyway's history is the owner's alone, and the audit log of
-- personal-data access is read and appended, never updated; its rows are deleted only through the retention purge,
-- which its row policy (migration V11_1) limits to rows past lookup_audit_policy.min_retention.
SELECT to_regclass(format('%I.lookup_audit', :'schema')) IS NOT NULL AS migrated \gset
\if :migrated
REVOKE ALL ON :"schema".flyway_schema_history FROM :"runtime";
REVOKE UPDATE, TRUNCATE ON :"schema".lookup_audit FROM :"runtime";
REVOKE ALL ON :"schema".lookup_audit_policy FROM :"runtime";
GRANT SELECT ON :"schema".lookup_audit_policy TO :"runtime";
\endif
