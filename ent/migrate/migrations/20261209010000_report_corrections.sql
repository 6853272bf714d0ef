-- Modify "reports" table
ALTER TABLE "reports" ADD COLUMN "corrections" jsonb NULL;
