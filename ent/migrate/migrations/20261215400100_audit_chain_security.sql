-- Hand-written: the audit log's hash chain (internal/audit/chain.go says
-- the encoding, README "Tamper-evident audit log" how to verify it).
--
-- Every line of audit_events (changes and access lines alike) is chained
-- to the previous line of its community; lines without a community
-- (sign-ins, system work) form the global chain ''. A line's chain_hash is
--   sha256(previous chain_hash (32 zero bytes before the first) || canonical)
-- where canonical is its fields in a fixed order, each written as
-- "<octet length>:<text>", or "-" for NULL (turbota_audit_field):
--   id, community_id, chain_seq, occurred_at (microseconds since the Unix
--   epoch), actor_user_id, actor_api_client_id, action, entity_type,
--   entity_id, entity_ids, fields, changes (the jsonb columns as
--   PostgreSQL prints them), request_id.
-- The head of each chain is one row of audit_chain_heads, updated by the
-- inserting transaction itself: a second writer of the same community
-- waits for the first to commit, so the chain never forks and no sequence
-- number repeats.
CREATE TABLE audit_chain_heads (
  chain text PRIMARY KEY, -- the community's ID; '' is the global chain
  seq bigint NOT NULL,
  hash bytea NOT NULL
);

-- Signed checkpoints (audit.Checkpoint): an Ed25519 signature of a
-- chain's head by a key the operator holds outside the database.
CREATE TABLE audit_checkpoints (
  id bigserial PRIMARY KEY,
  chain text NOT NULL,
  seq bigint NOT NULL,
  hash bytea NOT NULL,
  signed_at timestamptz NOT NULL,
  key_id text NOT NULL,
  signature bytea NOT NULL,
  UNIQUE (chain, seq)
);

-- Only the owner (the server's own work: the trigger below, the
-- checkpoint job, verify) touches them; the application role has no
-- rights on them, and row-level security stands behind that.
REVOKE ALL ON audit_chain_heads, audit_checkpoints FROM turbota_app;
REVOKE ALL ON SEQUENCE audit_checkpoints_id_seq FROM turbota_app;
ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoints FORCE ROW LEVEL SECURITY;
DO $$ BEGIN
  EXECUTE format('CREATE POLICY owner_all ON audit_chain_heads TO %I USING (true) WITH CHECK (true)', current_user);
  EXECUTE format('CREATE POLICY owner_all ON audit_checkpoints TO %I USING (true) WITH CHECK (true)', current_user);
END $$;

CREATE FUNCTION turbota_audit_field(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v IS NULL THEN '-' ELSE octet_length(v)::text || ':' || v END
$$;

-- turbota_audit_hash is a line's hash at place seq after prev. PL/pgSQL
-- keeps the expression's plan for the session: a function in SQL that
-- cannot be inlined is planned again on every call.
-- Its columns come one by one: a function taking the table's row type
-- would keep the table from being dropped (migrategen's replay does).
CREATE FUNCTION turbota_audit_hash(prev bytea, seq bigint, id text, community_id text, occurred_at timestamptz,
  actor_user_id text, actor_api_client_id text, action text, entity_type text, entity_id text,
  entity_ids jsonb, fields jsonb, changes jsonb, request_id text) RETURNS bytea
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN sha256(prev || convert_to(turbota_audit_field(id) || turbota_audit_field(community_id)
    || turbota_audit_field(seq::text)
    || turbota_audit_field((extract(epoch FROM occurred_at) * 1000000)::bigint::text)
    || turbota_audit_field(actor_user_id) || turbota_audit_field(actor_api_client_id)
    || turbota_audit_field(action) || turbota_audit_field(entity_type)
    || turbota_audit_field(entity_id) || turbota_audit_field(entity_ids::text)
    || turbota_audit_field(fields::text) || turbota_audit_field(changes::text)
    || turbota_audit_field(request_id), 'UTF8'));
END $$;

-- turbota_chain_audit appends each new line to its chain: one statement
-- takes the head's row lock, numbers the line and hashes it onto the old
-- head (SET sees the row as it was); a chain's first line makes its head.
-- SECURITY DEFINER: the application role inserts lines but may not touch
-- the heads.
CREATE FUNCTION turbota_chain_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  k text := coalesce(NEW.community_id, '');
BEGIN
  LOOP
    UPDATE public.audit_chain_heads h SET seq = h.seq + 1, hash = public.turbota_audit_hash(h.hash, h.seq + 1, NEW.id::text, NEW.community_id,
        NEW.occurred_at, NEW.actor_user_id, NEW.actor_api_client_id, NEW.action, NEW.entity_type, NEW.entity_id,
        NEW.entity_ids, NEW.fields, NEW.changes, NEW.request_id)
      WHERE h.chain = k RETURNING h.seq, h.hash INTO NEW.chain_seq, NEW.chain_hash;
    EXIT WHEN FOUND;
    INSERT INTO public.audit_chain_heads (chain, seq, hash) VALUES (k, 0, decode(repeat('00', 32), 'hex'))
      ON CONFLICT (chain) DO NOTHING;
  END LOOP;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION turbota_chain_audit() FROM PUBLIC;

-- The lines written before are chained in the order they were written as
-- far as can be told (time, then ID), then the trigger takes over. The
-- heads are written once at the end: a row updated once per line in one
-- transaction leaves a chain of versions each update walks again.
DO $$
DECLARE r audit_events; k text; prev bytea; n bigint := 0; cur text;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY coalesce(community_id, ''), occurred_at, id LOOP
    k := coalesce(r.community_id, '');
    IF cur IS DISTINCT FROM k THEN
      IF cur IS NOT NULL THEN
        INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (cur, n, prev);
      END IF;
      cur := k; n := 0; prev := decode(repeat('00', 32), 'hex');
    END IF;
    n := n + 1;
    prev := turbota_audit_hash(prev, n, r.id::text, r.community_id, r.occurred_at, r.actor_user_id, r.actor_api_client_id,
      r.action, r.entity_type, r.entity_id, r.entity_ids, r.fields, r.changes, r.request_id);
    UPDATE audit_events SET chain_seq = n, chain_hash = prev WHERE id = r.id;
  END LOOP;
  IF cur IS NOT NULL THEN
    INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (cur, n, prev);
  END IF;
END $$;
CREATE TRIGGER chain_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION turbota_chain_audit();

-- verify walks each chain in order; a sequence number is the chain's once.
CREATE UNIQUE INDEX audit_events_chain ON audit_events ((coalesce(community_id, '')), chain_seq);

-- The application role appends to the log and reads it, never changes it
-- (the first security migration revoked UPDATE, DELETE and TRUNCATE; said
-- again here so the chain's promise does not rest on a file far away).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM turbota_app;

-- A statement appending lines of several communities takes their heads in
-- the order of the communities, so two such statements wait for each
-- other instead of deadlocking. The same functions as before, but for the
-- ORDER BY.
CREATE OR REPLACE FUNCTION turbota_log_known_reads(occurred timestamptz, actor_user text, actor_api_client text, request text,
	ids text[], typs text[], eids text[], communities text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET plan_cache_mode = force_generic_plan AS $$
BEGIN
	INSERT INTO audit_events
		(id, occurred_at, action, entity_type, entity_ids, community_id, actor_user_id, actor_api_client_id, request_id)
	SELECT ids[row_number() OVER ()], occurred, 'READ', g.typ, g.eids, g.community,
		actor_user, actor_api_client, nullif(request, '')
	FROM (SELECT e.typ, e.community, jsonb_agg(e.eid ORDER BY e.n) AS eids
		FROM unnest(typs, eids, communities) WITH ORDINALITY AS e(typ, eid, community, n)
		GROUP BY 1, 2) AS g
	ORDER BY g.community;
END $$;

CREATE OR REPLACE FUNCTION turbota_append_reads(occurred timestamptz[], actor_user text[], actor_api_client text[], request text[],
	ids text[], entries int[], typs text[], eids text[], communities text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET plan_cache_mode = force_generic_plan AS $$
BEGIN
	INSERT INTO audit_events
		(id, occurred_at, action, entity_type, entity_ids, community_id, actor_user_id, actor_api_client_id, request_id)
	SELECT ids[row_number() OVER (ORDER BY g.first)], occurred[g.entry], 'READ', g.typ, g.eids, g.community,
		nullif(actor_user[g.entry], ''), nullif(actor_api_client[g.entry], ''), nullif(request[g.entry], '')
	FROM (SELECT e.entry, e.typ, e.community, jsonb_agg(e.eid ORDER BY e.n) AS eids, min(e.n) AS first
		FROM (SELECT r.entry, r.typ, r.eid, r.n, coalesce(nullif(r.community, ''), CASE r.typ
				WHEN 'Person' THEN (SELECT p.community_id FROM persons p WHERE p.id = r.eid::bpchar)
				WHEN 'Family' THEN (SELECT f.community_id FROM families f WHERE f.id = r.eid::bpchar)
				WHEN 'CaseFile' THEN (SELECT c.community_id FROM case_files c WHERE c.id = r.eid::bpchar)
				WHEN 'Document' THEN (SELECT d.community_id FROM documents d WHERE d.id = r.eid::bpchar) END)::text AS community
			FROM unnest(entries, typs, eids, communities) WITH ORDINALITY AS r(entry, typ, eid, community, n)) AS e
		GROUP BY 1, 2, 3) AS g
	ORDER BY g.community, g.first;
END $$;
