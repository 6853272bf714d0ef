-- The join tables of cases' and reports' children have no community column
-- and their primary keys lead with the case or report: a person's cases and
-- reports (a family member's page, the case detail's members) are found by
-- the person. ent cannot declare an index on an edge's join table.
CREATE INDEX case_file_children_person_id ON case_file_children (person_id);
CREATE INDEX report_children_person_id ON report_children (person_id);

-- Indicators keep computed figures until the data they count changes
-- (indicators/cache.go): every statement that writes a table they read
-- advances this sequence, in the writer's own role (hence USAGE for the
-- application role). A sequence, not a counter row: writers never wait
-- for each other on it.
CREATE SEQUENCE turbota_indicator_epoch;
GRANT USAGE ON SEQUENCE turbota_indicator_epoch TO turbota_app;
CREATE FUNCTION turbota_indicator_epoch_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('turbota_indicator_epoch');
  RETURN NULL;
END
$$;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['reports', 'safety_assessments', 'needs_assessments', 'case_files', 'case_file_children',
    'decisions', 'memberships', 'service_provisions', 'service_types', 'vouchers', 'communities'] LOOP
    EXECUTE format('CREATE TRIGGER indicator_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION turbota_indicator_epoch_advance()', t);
  END LOOP;
END
$$;
