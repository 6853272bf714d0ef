-- Modify "approvals" table
ALTER TABLE "approvals" ADD COLUMN "occurred_at" timestamptz NULL;
-- Modify "audit_events" table
ALTER TABLE "audit_events" ADD COLUMN "changes" jsonb NULL;
-- Modify "case_events" table
ALTER TABLE "case_events" ADD COLUMN "recorded_at" timestamptz NULL;
