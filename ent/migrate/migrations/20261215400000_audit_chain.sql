-- Modify "audit_events" table
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint NULL, ADD COLUMN "chain_hash" bytea NULL;
