-- Hand-written: the supervision journal is community-owned (the community
-- walls and the object permission supervision_session) and, on top,
-- narrowed like authz.FilterOwnSupervision: the heads who read the whole
-- journal (supervision_journal) see every session; anyone else only the
-- sessions they supervised or were supervised in. Sessions are kept, never
-- deleted.
SELECT turbota_protect_tenant_table('supervision_sessions');
SELECT turbota_object_read('supervision_sessions'::regclass, 'supervision_session');
CREATE POLICY own_or_journal ON supervision_sessions AS RESTRICTIVE FOR SELECT TO turbota_app
  USING (community_id = ANY ((SELECT turbota_readable('supervision_journal'))::bpchar[])
         OR supervisor_id = (SELECT turbota_viewer_user())::text
         OR supervisee_ids @> to_jsonb((SELECT turbota_viewer_user())::text));
REVOKE DELETE, TRUNCATE ON supervision_sessions FROM turbota_app;
