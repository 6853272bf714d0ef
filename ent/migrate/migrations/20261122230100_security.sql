-- Hand-written: the application role, its privileges, row-level security
-- on every community-owned table, and the notifications that keep every
-- replica's authorization policy current. ent cannot express any of this.

-- The role requests drop to (SET LOCAL ROLE). It cannot log in, owns no
-- table and cannot bypass row-level security.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'turbota_app') THEN
    CREATE ROLE turbota_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
-- The owner must be a member to SET ROLE to it (superusers need not be).
GRANT turbota_app TO CURRENT_USER;

GRANT USAGE ON SCHEMA public TO turbota_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO turbota_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO turbota_app;
-- Secrets and sign-in state: only the server's own sign-in code, as owner.
REVOKE ALL ON credentials, sessions, login_attempts FROM turbota_app;
-- The log is append-only for requests.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM turbota_app;
DO $$
BEGIN
  IF to_regclass('schema_revisions') IS NOT NULL THEN
    REVOKE ALL ON schema_revisions FROM turbota_app;
  END IF;
END
$$;
-- Reference data changes only through operators.
REVOKE INSERT, DELETE, TRUNCATE ON regions, districts, communities FROM turbota_app;

-- The viewer's communities, set per transaction by the server
-- (set_config(..., true)); empty or unset means none.
CREATE FUNCTION turbota_read_communities() RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(string_to_array(nullif(current_setting('turbota.read_communities', true), ''), ','), '{}') $$;
CREATE FUNCTION turbota_write_communities() RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(string_to_array(nullif(current_setting('turbota.write_communities', true), ''), ','), '{}') $$;
CREATE FUNCTION turbota_viewer_user() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('turbota.user_id', true), '') $$;

-- Community-owned tables: read in the read set, write in the write set.
-- The owner keeps full access for the server's own work (migrations,
-- reference data, sign-in); a (SELECT ...) makes each setting an InitPlan
-- evaluated once per query rather than once per row.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'api_clients', 'families', 'persons', 'reports'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY owner_all ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
    EXECUTE format('CREATE POLICY community_read ON %I FOR SELECT USING (community_id = ANY ((SELECT turbota_read_communities())::bpchar[]))', t);
    EXECUTE format('CREATE POLICY community_insert ON %I FOR INSERT WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))', t);
    EXECUTE format('CREATE POLICY community_update ON %I FOR UPDATE USING (community_id = ANY ((SELECT turbota_write_communities())::bpchar[])) WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))', t);
    EXECUTE format('CREATE POLICY community_delete ON %I FOR DELETE USING (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))', t);
  END LOOP;
END
$$;

-- A report's children: visible and changeable only with the report itself.
ALTER TABLE report_children ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_children FORCE ROW LEVEL SECURITY;
DO $$ BEGIN EXECUTE format('CREATE POLICY owner_all ON report_children TO %I USING (true) WITH CHECK (true)', current_user); END $$;
CREATE POLICY with_report ON report_children
  USING (EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id))
  WITH CHECK (EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id
                      AND r.community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))
              AND EXISTS (SELECT 1 FROM persons p WHERE p.id = person_id
                      AND p.community_id = ANY ((SELECT turbota_write_communities())::bpchar[])));

-- Role grants: one's own, and those of communities in the read set; granted
-- and revoked only in the write set. Regional and national grants (no
-- community) are made by operators as owner.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
DO $$ BEGIN EXECUTE format('CREATE POLICY owner_all ON memberships TO %I USING (true) WITH CHECK (true)', current_user); END $$;
CREATE POLICY membership_read ON memberships FOR SELECT
  USING (user_id = (SELECT turbota_viewer_user()) OR community_id = ANY ((SELECT turbota_read_communities())::bpchar[]));
CREATE POLICY membership_insert ON memberships FOR INSERT
  WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]));
CREATE POLICY membership_delete ON memberships FOR DELETE
  USING (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]));

-- The access and change log: read in the read set (and one's own events
-- outside any community); a request may append events of the communities it
-- reads (an access event) or of none (its own account).
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
DO $$ BEGIN EXECUTE format('CREATE POLICY owner_all ON audit_events TO %I USING (true) WITH CHECK (true)', current_user); END $$;
CREATE POLICY audit_read ON audit_events FOR SELECT
  USING (community_id = ANY ((SELECT turbota_read_communities())::text[])
         OR (community_id IS NULL AND actor_user_id = (SELECT turbota_viewer_user())));
CREATE POLICY audit_append ON audit_events FOR INSERT
  WITH CHECK (community_id IS NULL OR community_id = ANY ((SELECT turbota_read_communities())::text[]));

-- Every replica reloads its authorization policy when rules, grants, API
-- clients, users or communities change, whoever changed them.
CREATE FUNCTION turbota_notify_policy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('turbota_policy', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
CREATE TRIGGER notify_policy AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policy_rules
  FOR EACH STATEMENT EXECUTE FUNCTION turbota_notify_policy();
CREATE TRIGGER notify_policy AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships
  FOR EACH STATEMENT EXECUTE FUNCTION turbota_notify_policy();
CREATE TRIGGER notify_policy AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_clients
  FOR EACH STATEMENT EXECUTE FUNCTION turbota_notify_policy();
CREATE TRIGGER notify_policy AFTER UPDATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION turbota_notify_policy();
CREATE TRIGGER notify_policy AFTER INSERT OR DELETE ON communities
  FOR EACH STATEMENT EXECUTE FUNCTION turbota_notify_policy();
