-- Hand-written: a saved filter is community-owned (the community's row
-- security, like its siblings) and, on top, its owner's alone: no one else
-- reads or changes it, whatever their role (authz.FilterOwnSavedFilters and
-- authz.RequireOwnSavedFilter say the same in the privacy rules).
SELECT turbota_protect_tenant_table('saved_filters');
CREATE POLICY owner_only ON saved_filters AS RESTRICTIVE FOR ALL TO turbota_app
  USING (user_id = (SELECT turbota_viewer_user())::text)
  WITH CHECK (user_id = (SELECT turbota_viewer_user())::text);
REVOKE TRUNCATE ON saved_filters FROM turbota_app;
