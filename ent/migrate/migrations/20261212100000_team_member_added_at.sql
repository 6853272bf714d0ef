-- Modify "team_members" table: a place on a team keeps the day the member
-- joined (a paper file's date); places entered before take the day they
-- were entered.
ALTER TABLE "team_members" ADD COLUMN "added_at" timestamptz NULL;
UPDATE "team_members" SET "added_at" = "created_at";
ALTER TABLE "team_members" ALTER COLUMN "added_at" SET NOT NULL;
