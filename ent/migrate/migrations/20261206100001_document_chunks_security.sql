-- Hand-written: a document's bytes are kept in chunks of 256 KiB
-- (document_chunks), so that uploads and downloads never hold a whole file
-- in memory. The chunks are community-owned and kept as filed, like the
-- documents; the files stored before move into chunks, and their one-row
-- table goes.
SELECT turbota_protect_tenant_table('document_chunks');
REVOKE UPDATE, DELETE, TRUNCATE ON document_chunks FROM turbota_app;

-- Scans, photos and PDFs are compressed already: TOAST need not try again,
-- and reads of a slice fetch only that slice.
ALTER TABLE document_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- An upload writes its chunks while it reads the file, and the document
-- row last, once the file's size and SHA-256 are known: the reference is
-- checked when the request's transaction commits.
ALTER TABLE document_chunks ALTER CONSTRAINT document_chunks_documents_chunks DEFERRABLE INITIALLY DEFERRED;

INSERT INTO document_chunks (community_id, document_id, seq, data)
SELECT c.community_id, c.document_id, s.seq, substring(c.data FROM s.seq * 262144 + 1 FOR 262144)
FROM document_contents c
CROSS JOIN LATERAL generate_series(0, greatest(length(c.data) - 1, 0) / 262144) AS s(seq);

DROP TABLE document_contents;
