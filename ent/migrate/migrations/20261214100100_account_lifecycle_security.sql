-- Hand-written: password reset links are sign-in state, like sessions:
-- only the server's sign-in code, as the owner, reads or writes them.
REVOKE ALL ON password_resets FROM turbota_app;

-- Whether an account's holder has a role in the communities given and
-- none elsewhere (no regional or national role either): the accounts an
-- administrator of those communities runs (authz/account_rules.go). It
-- reads every membership, as the owner: row-level security shows the
-- viewer only their own communities' ones, and the roles held elsewhere
-- are what it must see.
CREATE FUNCTION turbota_account_within(u bpchar, communities text[]) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
  AS $$ SELECT EXISTS (SELECT 1 FROM public.memberships m WHERE m.user_id = u)
           AND NOT EXISTS (SELECT 1 FROM public.memberships m WHERE m.user_id = u
                           AND (m.community_id IS NULL OR NOT (m.community_id = ANY (communities::bpchar[])))) $$;
REVOKE ALL ON FUNCTION turbota_account_within(bpchar, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_account_within(bpchar, text[]) TO turbota_app;

-- A request changes an account (disables, enables, resets its second
-- factor) only if it is not the viewer's own and its holder works only
-- in communities the viewer writes and where they may read users (the
-- administrators; authz narrows further to those who may update users).
DROP POLICY users_update ON users;
CREATE POLICY users_update ON users FOR UPDATE TO turbota_app
  USING (id <> coalesce((SELECT turbota_viewer_user()), '')
         AND turbota_account_within(id, ARRAY(SELECT unnest((SELECT turbota_write_communities()))
                                              INTERSECT SELECT unnest((SELECT turbota_readable('user'))))))
  WITH CHECK (true);
