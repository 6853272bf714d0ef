-- Hand-written: the shared state of the rate limiter (package ratelimit),
-- one token bucket per key ("user:…", "api:…", "community:…", "addr:…").
--
-- UNLOGGED: the state is worth seconds. Skipping the write-ahead log makes
-- every lease a cheap in-memory update with no disk flush on commit; after a
-- crash PostgreSQL empties the table, which only hands every caller a full
-- bucket once. Standbys do not see it, which is fine: replicas lease from
-- the primary, and after a failover the buckets start full.
CREATE UNLOGGED TABLE rate_limit_buckets (
  key        text PRIMARY KEY,
  tokens     double precision NOT NULL,
  updated_at timestamptz NOT NULL,
  -- When the bucket is full again: a row past it says no more than a
  -- missing row does, so the sweep deletes it.
  full_at    timestamptz NOT NULL
);
CREATE INDEX rate_limit_buckets_full_at ON rate_limit_buckets (full_at);

-- Requests never touch it: only the limiter's own pool, as the owner.
REVOKE ALL ON rate_limit_buckets FROM turbota_app;

-- rate_limit_take refills the bucket for the time since its last use (on
-- the database's clock, so replicas with skewed clocks agree), then takes
-- up to want whole tokens. It answers how many it gave and how many are
-- left; one round trip, the row locked for the length of one statement.
CREATE FUNCTION rate_limit_take(p_key text, p_rate double precision, p_burst double precision, p_want integer,
                                OUT granted integer, OUT remaining double precision)
  LANGUAGE plpgsql AS $$
DECLARE
  now timestamptz := clock_timestamp();
  avail double precision;
BEGIN
  INSERT INTO rate_limit_buckets AS b (key, tokens, updated_at, full_at)
    VALUES (p_key, p_burst, now, now)
  ON CONFLICT (key) DO UPDATE
    SET tokens = least(p_burst, b.tokens + greatest(0, extract(epoch FROM now - b.updated_at)) * p_rate),
        updated_at = now
  RETURNING b.tokens INTO avail;
  granted := greatest(0, least(p_want, floor(avail)))::integer;
  remaining := avail - granted;
  UPDATE rate_limit_buckets
    SET tokens = remaining,
        -- at most a day ahead: a rate near zero must not overflow the timestamp
        full_at = now + make_interval(secs => least(86400, (p_burst - remaining) / greatest(p_rate, 1e-9)))
    WHERE key = p_key;
END
$$;
REVOKE ALL ON FUNCTION rate_limit_take(text, double precision, double precision, integer) FROM PUBLIC;
