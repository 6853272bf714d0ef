-- Requests may add a password only to an account their own transaction
-- has just opened (an invitation to a new e-mail, see
-- 20261207020001_invitations_security.sql), and read back only that row's
-- ID: never a credential of anyone else. Sign-in and password changes run
-- as the owner, on their own pool.
ALTER TABLE credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentials FORCE ROW LEVEL SECURITY;
DO $$ BEGIN EXECUTE format('CREATE POLICY owner_all ON credentials TO %I USING (true) WITH CHECK (true)', current_user); END $$;
-- Past row-level security on users: the account is new, whoever may see it.
CREATE FUNCTION turbota_account_opened_now(account bpchar) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT EXISTS (SELECT FROM public.users u WHERE u.id = account
      AND u.xmin::text = (txid_current() % 4294967296)::text) $$;
REVOKE ALL ON FUNCTION turbota_account_opened_now(bpchar) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_account_opened_now(bpchar) TO turbota_app;
CREATE POLICY new_account_insert ON credentials FOR INSERT TO turbota_app
  WITH CHECK (turbota_account_opened_now(user_id));
CREATE POLICY new_account_read ON credentials FOR SELECT TO turbota_app
  USING (turbota_account_opened_now(user_id));
