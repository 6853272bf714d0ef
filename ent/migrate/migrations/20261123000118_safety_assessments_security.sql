-- Hand-written: safety assessments are community-owned records, kept as filed.
SELECT turbota_protect_tenant_table('safety_assessments');
REVOKE UPDATE, DELETE, TRUNCATE ON safety_assessments FROM turbota_app;
