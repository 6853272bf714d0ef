-- Hand-written: Idempotency-Key on mutations. A key is the caller's own
-- (per user or API client: turbota.subject, set per transaction like the
-- communities); its row is written in the mutation's own transaction, so
-- it exists exactly when the mutation committed, and a concurrent request
-- with the same key waits on the unique index until the first commits.
CREATE TABLE idempotency_keys (
  subject text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response bytea,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (subject, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
-- The owner clears expired keys (the server's own work).
DO $$ BEGIN EXECUTE format('CREATE POLICY owner_all ON idempotency_keys TO %I USING (true) WITH CHECK (true)', current_user); END $$;
CREATE POLICY idempotency_keys_own ON idempotency_keys
  USING (subject <> '' AND subject = current_setting('turbota.subject', true))
  WITH CHECK (subject <> '' AND subject = current_setting('turbota.subject', true));
GRANT SELECT, INSERT, UPDATE ON idempotency_keys TO turbota_app;
