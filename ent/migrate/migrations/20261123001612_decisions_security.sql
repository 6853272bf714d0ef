-- Hand-written: decisions are community-owned records, kept as taken.
SELECT turbota_protect_tenant_table('decisions');
REVOKE UPDATE, DELETE, TRUNCATE ON decisions FROM turbota_app;
