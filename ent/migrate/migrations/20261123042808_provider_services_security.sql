-- Hand-written: the service map's entries are community-owned.
SELECT turbota_protect_tenant_table('provider_services');
REVOKE TRUNCATE ON provider_services FROM turbota_app;
