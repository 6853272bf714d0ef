-- Hand-written: documents (and their bytes), commission sittings,
-- approvals, notifications and calendar years are community-owned.
-- Documents are kept as filed; approvals and notifications are answered or
-- read, never deleted; a community's own calendar year may be dropped.
SELECT turbota_protect_tenant_table('documents');
SELECT turbota_protect_tenant_table('document_contents');
SELECT turbota_protect_tenant_table('commission_sessions');
SELECT turbota_protect_tenant_table('approvals');
SELECT turbota_protect_tenant_table('notifications');
SELECT turbota_protect_tenant_table('calendar_years');
REVOKE UPDATE, DELETE, TRUNCATE ON documents, document_contents FROM turbota_app;
REVOKE DELETE, TRUNCATE ON commission_sessions, approvals, notifications FROM turbota_app;
REVOKE TRUNCATE ON calendar_years FROM turbota_app;
