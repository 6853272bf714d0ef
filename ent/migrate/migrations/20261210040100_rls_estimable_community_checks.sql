-- Hand-written: row-level security's community checks that the planner can
-- estimate, and the indexes the tenant index of 20261210040000 replaces.
--
-- Every read of a community-owned table carries two community conditions:
-- the privacy filter's (community_id = 'CM…', a constant the planner reads
-- the statistics of) and the policy's (community_id = ANY of an initplan's
-- array, which it guesses as ten unknown values, 0.7 % of rows). It
-- multiplied the two: 170 people expected of a community's 25,019, so the
-- children of a page of cases were joined by hashing every person of the
-- community (21 ms, 1,339 buffers) rather than 97 key lookups, and a
-- page of families or assessments scanned the community's 5,000 rows and
-- filtered. Written as a hashed sub-select (IN (SELECT unnest(…))), the
-- policy's condition is estimated at one half and checked by one hash
-- probe per row; the privacy filter's condition drives the index.
-- Nothing changes in what a policy lets through.
--
-- INSERT and UPDATE checks keep their form: they test new rows, and no
-- estimate depends on them.

-- Future tenant tables get the same form.
CREATE OR REPLACE FUNCTION turbota_protect_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY owner_all ON %s TO %I USING (true) WITH CHECK (true)', t, current_user);
  EXECUTE format('CREATE POLICY community_read ON %s FOR SELECT USING (community_id IN (SELECT unnest(turbota_read_communities())::bpchar))', t);
  EXECUTE format('CREATE POLICY community_insert ON %s FOR INSERT WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))', t);
  EXECUTE format('CREATE POLICY community_update ON %s FOR UPDATE USING (community_id IN (SELECT unnest(turbota_write_communities())::bpchar)) WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))', t);
  EXECUTE format('CREATE POLICY community_delete ON %s FOR DELETE USING (community_id IN (SELECT unnest(turbota_write_communities())::bpchar))', t);
END
$$;

CREATE OR REPLACE FUNCTION turbota_object_read(t regclass, obj text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP POLICY community_read ON %s', t);
  EXECUTE format('CREATE POLICY community_read ON %s FOR SELECT
                  USING (community_id IN (SELECT unnest(turbota_readable(%L))::bpchar))', t, obj);
END
$$;

-- Existing policies: every "community_id = ANY ((SELECT f(…))::bpchar[])"
-- in a USING clause of a community policy becomes the sub-select. ALTER
-- POLICY keeps the command, the roles and the WITH CHECK clause.
DO $$
DECLARE
  r record;
  q text;
BEGIN
  FOR r IN SELECT schemaname, tablename, policyname, qual FROM pg_policies
           WHERE policyname IN ('community_read', 'community_update', 'community_delete') AND qual IS NOT NULL LOOP
    q := regexp_replace(r.qual,
      'community_id = ANY \(\(\( SELECT (turbota_\w+\([^()]*\)) AS \w+\)\)::bpchar\[\]\)',
      'community_id IN (SELECT unnest(\1)::bpchar)', 'g');
    IF q <> r.qual THEN
      EXECUTE format('ALTER POLICY %I ON %I.%I USING (%s)', r.policyname, r.schemaname, r.tablename, q);
    END IF;
  END LOOP;
END
$$;

-- The indexes the (community_id, id) and ordered list indexes replace.
DROP INDEX "activity_community_id";
DROP INDEX "apiclient_community_id";
DROP INDEX "approval_community_id";
DROP INDEX "calendaryear_community_id";
DROP INDEX "caseaccess_community_id";
DROP INDEX "caseevent_community_id";
DROP INDEX "casefile_community_id";
DROP INDEX "commissionsession_community_id";
DROP INDEX "consent_community_id";
DROP INDEX "decision_community_id";
DROP INDEX "documentchunk_community_id";
DROP INDEX "document_community_id";
DROP INDEX "emergencyaccess_community_id";
DROP INDEX "family_community_id";
DROP INDEX "needsassessment_community_id";
DROP INDEX "notification_community_id";
DROP INDEX "organization_community_id";
DROP INDEX "person_community_id";
DROP INDEX "placement_community_id";
DROP INDEX "planreview_community_id";
DROP INDEX "plan_community_id";
DROP INDEX "providerservice_community_id";
DROP INDEX "referral_community_id";
DROP INDEX "relationship_community_id";
DROP INDEX "report_community_id";
DROP INDEX "safetyassessment_community_id";
DROP INDEX "savedfilter_community_id";
DROP INDEX "serviceprovision_community_id";
DROP INDEX "teammember_community_id";
DROP INDEX "voucherprogramme_community_id";
DROP INDEX "voucher_community_id";
DROP INDEX "casefile_community_id_opened_at";
DROP INDEX "report_community_id_received_at";
