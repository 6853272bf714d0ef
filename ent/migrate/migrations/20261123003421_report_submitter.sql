-- Modify "reports" table
ALTER TABLE "reports" ADD COLUMN "submitted_by" character varying NULL;
