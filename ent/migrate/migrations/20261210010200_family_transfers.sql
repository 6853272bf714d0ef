-- Modify "case_transfers" table
ALTER TABLE "case_transfers" ALTER COLUMN "case_id" DROP NOT NULL;
