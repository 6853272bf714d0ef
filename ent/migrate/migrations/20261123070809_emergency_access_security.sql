-- Hand-written: emergency access ("break the glass") is community-owned, but
-- the overseer who opens it reads the community and may not write there.
-- They may insert, and end, only their own access in a community they read,
-- and tell the community of it; nothing else of the community opens to them.
SELECT turbota_protect_tenant_table('emergency_accesses');
REVOKE DELETE, TRUNCATE ON emergency_accesses FROM turbota_app;
CREATE POLICY overseer_open ON emergency_accesses FOR INSERT
  WITH CHECK (user_id = (SELECT turbota_viewer_user())
              AND community_id = ANY ((SELECT turbota_read_communities())::bpchar[]));
CREATE POLICY overseer_end ON emergency_accesses FOR UPDATE
  USING (user_id = (SELECT turbota_viewer_user())
         AND community_id = ANY ((SELECT turbota_read_communities())::bpchar[]))
  WITH CHECK (user_id = (SELECT turbota_viewer_user()));
CREATE POLICY emergency_notice ON notifications FOR INSERT
  WITH CHECK (kind = 'EMERGENCY_ACCESS'
              AND community_id = ANY ((SELECT turbota_read_communities())::bpchar[]));
