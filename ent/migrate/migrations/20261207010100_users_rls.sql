-- Hand-written: accounts under row-level security, as authz.FilterUsers
-- shows them, so a filter through an edge to users (the log's
-- hasActorUserWith) reads nothing of accounts the viewer may not see:
-- themselves, the people holding a role in a community where the viewer
-- may read users, and their colleagues, who hold a role in a community
-- whose case files the viewer may read; and the overseers who opened an
-- emergency access the viewer may read, whom the community must know by
-- name (emergency.Access.openedBy). Changes stay as before (the privacy
-- rules decide them; sign-in works as the owner).
--
-- The policy hands the function the communities as InitPlans, read once
-- per statement, not once per account.
CREATE FUNCTION turbota_user_visible(u bpchar, accounts text[], colleagues text[], overseen text[]) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
  AS $$ SELECT u = turbota_viewer_user()
            OR EXISTS (SELECT 1 FROM public.memberships m WHERE m.user_id = u
                       AND m.community_id = ANY ((accounts || colleagues)::bpchar[]))
            OR EXISTS (SELECT 1 FROM public.emergency_accesses ea WHERE ea.user_id = u
                       AND ea.community_id = ANY (overseen::bpchar[])) $$;
REVOKE ALL ON FUNCTION turbota_user_visible(bpchar, text[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_user_visible(bpchar, text[], text[], text[]) TO turbota_app;

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
DO $$ BEGIN EXECUTE format('CREATE POLICY owner_all ON users TO %I USING (true) WITH CHECK (true)', current_user); END $$;
CREATE POLICY users_read ON users FOR SELECT TO turbota_app
  USING (turbota_user_visible(id, (SELECT turbota_readable('user')), (SELECT turbota_readable('case_file')),
                              (SELECT turbota_readable('emergency_access'))));
CREATE POLICY users_insert ON users FOR INSERT TO turbota_app WITH CHECK (true);
CREATE POLICY users_update ON users FOR UPDATE TO turbota_app USING (true) WITH CHECK (true);
CREATE POLICY users_delete ON users FOR DELETE TO turbota_app USING (true);
