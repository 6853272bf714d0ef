-- Hand-written: the indicators are kept until the data they count changes
-- (turbota_indicator_epoch, see 20261206130001). The supervision journal
-- was counted without advancing the epoch, so a session recorded did not
-- show until something else changed; the capacity indicators count the
-- staffing schedules, training and certificates. TestIndicatorTablesAdvanceTheEpoch
-- holds every table the indicator queries read to this.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['supervision_sessions', 'staff_positions', 'training_enrolments', 'certificates'] LOOP
    EXECUTE format('CREATE TRIGGER indicator_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION turbota_indicator_epoch_advance()', t);
  END LOOP;
END
$$;
