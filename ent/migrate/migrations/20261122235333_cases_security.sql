-- Hand-written: cases and their timelines are community-owned; a case's
-- children are visible and changeable only with the case itself.
SELECT turbota_protect_tenant_table('case_files');
SELECT turbota_protect_tenant_table('case_events');

ALTER TABLE case_file_children ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_file_children FORCE ROW LEVEL SECURITY;
DO $$ BEGIN EXECUTE format('CREATE POLICY owner_all ON case_file_children TO %I USING (true) WITH CHECK (true)', current_user); END $$;
CREATE POLICY with_case ON case_file_children
  USING (EXISTS (SELECT 1 FROM case_files c WHERE c.id = case_file_id))
  WITH CHECK (EXISTS (SELECT 1 FROM case_files c WHERE c.id = case_file_id
                      AND c.community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))
              AND EXISTS (SELECT 1 FROM persons p WHERE p.id = person_id
                      AND p.community_id = ANY ((SELECT turbota_write_communities())::bpchar[])));

-- The timeline is a record: requests add to it, never rewrite it.
REVOKE UPDATE, DELETE, TRUNCATE ON case_events FROM turbota_app;
