-- Hand-written: the working groups are community-owned (the community
-- walls and the object permission of each type), and, where the viewer
-- reaches them only through a place in a group, narrowed to their own
-- groups: they read the groups they sit in (turbota.group_narrowed) and,
-- as secretary, change the groups they are secretary of
-- (turbota.group_writes), as authz/group_rules.go does. Records are kept:
-- a member leaves, an action item is cancelled, nothing is deleted.
SELECT turbota_protect_tenant_table(t) FROM unnest(ARRAY['working_groups', 'working_group_members',
  'working_group_meetings', 'working_group_actions', 'working_group_documents']::regclass[]) AS t;
SELECT turbota_object_read(t::regclass, o) FROM (VALUES
  ('working_groups', 'working_group'), ('working_group_members', 'working_group_member'),
  ('working_group_meetings', 'working_group_meeting'), ('working_group_actions', 'working_group_action'),
  ('working_group_documents', 'working_group_document')) AS m(t, o);
REVOKE DELETE, TRUNCATE ON working_groups, working_group_members, working_group_meetings, working_group_actions,
  working_group_documents FROM turbota_app;

-- The viewer holds a place in the group (as its secretary, when asked).
-- It reads the very table whose policy calls it, so it runs as the owner;
-- the answer depends on the viewer's settings alone.
CREATE FUNCTION turbota_group_member(g bpchar, secretary boolean) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
  AS $$ SELECT EXISTS (SELECT 1 FROM public.working_group_members m WHERE m.group_id = g AND m.left_on IS NULL
                       AND m.user_id = turbota_viewer_user() AND (NOT secretary OR m.role = 'SECRETARY')) $$;
REVOKE ALL ON FUNCTION turbota_group_member(bpchar, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_group_member(bpchar, boolean) TO turbota_app;

CREATE FUNCTION turbota_own_groups(t regclass, g text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  reads text := format('(NOT (community_id = ANY ((SELECT turbota_setting_ids(''turbota.group_narrowed''))::bpchar[]))
                         OR turbota_group_member(%s, false))', g);
  writes text := format('(NOT (community_id = ANY ((SELECT turbota_setting_ids(''turbota.group_writes''))::bpchar[]))
                          OR turbota_group_member(%s, true))', g);
BEGIN
  EXECUTE format('CREATE POLICY own_groups_read ON %s AS RESTRICTIVE FOR SELECT TO turbota_app USING %s', t, reads);
  EXECUTE format('CREATE POLICY own_groups_insert ON %s AS RESTRICTIVE FOR INSERT TO turbota_app WITH CHECK %s', t, writes);
  EXECUTE format('CREATE POLICY own_groups_update ON %s AS RESTRICTIVE FOR UPDATE TO turbota_app USING %s WITH CHECK %s',
                 t, writes, writes);
END
$$;
SELECT turbota_own_groups('working_groups', 'id');
SELECT turbota_own_groups(t, 'group_id') FROM unnest(ARRAY['working_group_members', 'working_group_meetings',
  'working_group_actions', 'working_group_documents']::regclass[]) AS t;

-- A place in a group lends roles (internal/auth): the session's stamp
-- changes with the viewer's places, so a server's cached viewer is made
-- again when one is given or taken.
CREATE OR REPLACE FUNCTION turbota_session_stamp(hash bytea, at timestamptz, idle_seconds double precision) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
	RETURN (SELECT md5(concat_ws('|', s.id, extract(epoch FROM s.revoked_at), extract(epoch FROM s.expires_at),
		s.last_seen_at + make_interval(secs => idle_seconds) < at, s.totp_pending_enrollment, u.disabled,
		(SELECT string_agg(concat_ws('/', m.id, m.role, m.custom_role_id, m.community_id, m.region_id, m.organization_id), ',' ORDER BY m.id)
			FROM public.memberships m WHERE m.user_id = s.user_id),
		(SELECT string_agg(concat_ws('/', ea.id, ea.community_id), ',' ORDER BY ea.id)
			FROM public.emergency_accesses ea WHERE ea.user_id = s.user_id AND ea.ended_at IS NULL AND ea.expires_at > at),
		(SELECT string_agg(concat_ws('/', wm.id, wm.role, extract(epoch FROM wm.left_on)), ',' ORDER BY wm.id)
			FROM public.working_group_members wm WHERE wm.user_id = s.user_id)))
	FROM public.sessions s JOIN public.users u ON u.id = s.user_id WHERE s.token_hash = hash);
END $$;
