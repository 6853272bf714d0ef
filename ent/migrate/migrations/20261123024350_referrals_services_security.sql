-- Hand-written: referrals, consents, case accesses, teams, services and
-- activities are community-owned. Activities are kept as written; accesses
-- and consents are revoked or withdrawn, never deleted.
SELECT turbota_protect_tenant_table('consents');
SELECT turbota_protect_tenant_table('referrals');
SELECT turbota_protect_tenant_table('case_accesses');
SELECT turbota_protect_tenant_table('team_members');
SELECT turbota_protect_tenant_table('service_provisions');
SELECT turbota_protect_tenant_table('activities');
REVOKE DELETE, TRUNCATE ON consents, referrals, case_accesses, team_members, service_provisions FROM turbota_app;
REVOKE UPDATE, DELETE, TRUNCATE ON activities FROM turbota_app;
-- Need-to-know subqueries look accesses up by case and organisation.
CREATE INDEX case_accesses_lookup ON case_accesses (case_id, organization_id) WHERE revoked_at IS NULL;
