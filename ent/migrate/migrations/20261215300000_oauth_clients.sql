-- Modify "api_clients" table
ALTER TABLE "api_clients" ADD COLUMN "secret_hash" bytea NULL, ADD COLUMN "previous_secret_hash" bytea NULL, ADD COLUMN "previous_secret_until" timestamptz NULL, ADD COLUMN "secret_rotated_at" timestamptz NULL, ADD COLUMN "scopes" jsonb NULL, ADD COLUMN "allowed_ranges" jsonb NULL;
-- Create "oauth_tokens" table
CREATE TABLE "oauth_tokens" ("id" character(28) NOT NULL, "client_id" character varying NOT NULL, "signature" bytea NOT NULL, "request_id" character varying NOT NULL, "scopes" jsonb NULL, "created_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL, "revoked_at" timestamptz NULL, PRIMARY KEY ("id"));
-- Create index "oauth_tokens_signature_key" to table: "oauth_tokens"
CREATE UNIQUE INDEX "oauth_tokens_signature_key" ON "oauth_tokens" ("signature");
-- Create index "oauthtoken_client_id" to table: "oauth_tokens"
CREATE INDEX "oauthtoken_client_id" ON "oauth_tokens" ("client_id");
-- Create index "oauthtoken_request_id" to table: "oauth_tokens"
CREATE INDEX "oauthtoken_request_id" ON "oauth_tokens" ("request_id");
