-- Hand-written: acts of needs assessment are community-owned records, kept as filed.
SELECT turbota_protect_tenant_table('needs_assessments');
REVOKE UPDATE, DELETE, TRUNCATE ON needs_assessments FROM turbota_app;
