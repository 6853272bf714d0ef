-- Modify "plans" table: a plan version keeps the day it was drawn up (a
-- paper file's date), from which its tasks start; versions entered before
-- take the day they were entered.
ALTER TABLE "plans" ADD COLUMN "saved_at" timestamptz NULL;
UPDATE "plans" SET "saved_at" = "created_at";
ALTER TABLE "plans" ALTER COLUMN "saved_at" SET NOT NULL;
