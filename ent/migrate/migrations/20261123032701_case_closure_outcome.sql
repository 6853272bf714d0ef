-- Modify "case_files" table
ALTER TABLE "case_files" ADD COLUMN "closure_outcome" character varying NULL;
