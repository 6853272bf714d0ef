-- Hand-written: the register of official documents' numbers is
-- community-owned. Rows are read where the viewer may read the register
-- (document_number) and written in the viewer's write communities by the
-- system's issue of a number (internal/documents); numbers and counters
-- are never deleted, so a number is never given twice.
SELECT turbota_protect_tenant_table(t) FROM unnest(ARRAY['document_numbers', 'document_counters']::regclass[]) AS t;
SELECT turbota_object_read(t::regclass, 'document_number') FROM unnest(ARRAY['document_numbers', 'document_counters']) AS t;
REVOKE DELETE, TRUNCATE ON document_numbers, document_counters FROM turbota_app;
