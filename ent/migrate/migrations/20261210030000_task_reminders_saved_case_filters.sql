-- Modify "saved_filters" table
ALTER TABLE "saved_filters" ADD COLUMN "unassigned" boolean NOT NULL DEFAULT false, ADD COLUMN "case_statuses" jsonb NULL, ADD COLUMN "family_name" character varying NULL;
