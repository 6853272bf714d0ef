-- Modify "approvals" table
ALTER TABLE "approvals" ADD COLUMN "own_sign_off" boolean NOT NULL DEFAULT true;
