-- Modify "users" table
ALTER TABLE "users" ADD COLUMN "totp_enrollment_due" boolean NOT NULL DEFAULT false, ADD COLUMN "password_reset_sent_at" timestamptz NULL;
-- Create "password_resets" table
CREATE TABLE "password_resets" ("id" character(28) NOT NULL, "token_hash" bytea NOT NULL, "created_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL, "used_at" timestamptz NULL, "requested_by_id" character varying NULL, "user_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "password_resets_users_password_resets" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "password_resets_token_hash_key" to table: "password_resets"
CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets" ("token_hash");
-- Create index "passwordreset_user_id" to table: "password_resets"
CREATE INDEX "passwordreset_user_id" ON "password_resets" ("user_id");
