-- Hand-written: the workforce register and its training are community-owned
-- (the community walls and the object permission of each type); a
-- position is closed, never deleted, and training records and
-- certificates are kept.
SELECT turbota_protect_tenant_table('staff_positions');
SELECT turbota_protect_tenant_table('training_programmes');
SELECT turbota_protect_tenant_table('training_events');
SELECT turbota_protect_tenant_table('training_enrolments');
SELECT turbota_protect_tenant_table('certificates');
SELECT turbota_object_read(t::regclass, o) FROM (VALUES
  ('staff_positions', 'staff_position'), ('training_programmes', 'training_programme'),
  ('training_events', 'training_event'), ('training_enrolments', 'training_enrolment'),
  ('certificates', 'certificate')) AS m(t, o);
REVOKE DELETE, TRUNCATE ON staff_positions, training_programmes, training_events, training_enrolments, certificates FROM turbota_app;
