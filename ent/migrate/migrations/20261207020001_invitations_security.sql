-- Invitations are community-owned, and the person invited (who holds no
-- role in the community yet) reads and answers their own. Accepting one is
-- the only way a person without a role there gets one: the membership they
-- insert must match an invitation addressed to them that the same
-- transaction has just accepted.
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
DO $$ BEGIN EXECUTE format('CREATE POLICY owner_all ON invitations TO %I USING (true) WITH CHECK (true)', current_user); END $$;
-- Read as memberships are (authz.FilterInvitations): where the viewer may
-- read the community's grants.
CREATE POLICY community_read ON invitations FOR SELECT
  USING (community_id = ANY ((SELECT turbota_readable('membership'))::bpchar[]) OR user_id = (SELECT turbota_viewer_user()));
CREATE POLICY community_insert ON invitations FOR INSERT
  WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]));
CREATE POLICY invited_answer ON invitations FOR UPDATE
  USING (user_id = (SELECT turbota_viewer_user()) AND status = 'PENDING')
  WITH CHECK (user_id = (SELECT turbota_viewer_user()));

-- The policies of other tables ask about invitations through functions:
-- a function's body is no dependency of the table, so tools that rebuild
-- the schema (migrategen's replay) can drop the tables in any order.
CREATE FUNCTION turbota_invitation_accepted_now(u bpchar, c bpchar, r text, o bpchar) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT FROM invitations i WHERE i.user_id = u AND i.community_id = c
      AND i.role::text = r AND i.organization_id IS NOT DISTINCT FROM o AND i.status = 'ACCEPTED'
      -- accepted by this very transaction: an invitation is good for one grant
      AND i.xmin::text = (txid_current() % 4294967296)::text) $$;
CREATE FUNCTION turbota_invited_to(c text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT FROM invitations i WHERE i.user_id = (SELECT turbota_viewer_user()) AND i.community_id::text = c) $$;

CREATE POLICY membership_accept ON memberships FOR INSERT
  WITH CHECK (user_id = (SELECT turbota_viewer_user())
    AND turbota_invitation_accepted_now(user_id, community_id, role::text, organization_id));

-- Answering an invitation is logged in the community that invited.
CREATE POLICY audit_append_invited ON audit_events FOR INSERT
  WITH CHECK (turbota_invited_to(community_id));

-- A new account invited gets its first password in the inviting request's
-- transaction (so that a refused invitation leaves no account behind): the
-- request's role may add a credential, and read back only its ID.
GRANT INSERT ON credentials TO turbota_app;
GRANT SELECT (id) ON credentials TO turbota_app;

-- The INSERT ... RETURNING of that log line needs it readable by its writer.
CREATE POLICY audit_read_invited ON audit_events FOR SELECT
  USING (actor_user_id = (SELECT turbota_viewer_user()) AND turbota_invited_to(community_id));

-- An invitation finds the account of its e-mail, whichever community the
-- account works in; row-level security on users hides those of other
-- communities from the inviting admin. Only the ID comes back, and the
-- server never shows it to the inviter (the answer is the same either way).
CREATE FUNCTION turbota_account_by_email(address text) RETURNS bpchar
  LANGUAGE sql STABLE SECURITY DEFINER AS $$ SELECT u.id FROM public.users u WHERE u.email = address $$;
REVOKE ALL ON FUNCTION turbota_account_by_email(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_account_by_email(text) TO turbota_app;
