-- The access log of read-only operations is appended after they commit,
-- many operations in one statement (audit.Writer), by the server's own
-- pool: the lines of each operation (entries[i] names it) are grouped as
-- turbota_log_reads groups one operation's, one line per type of record
-- and community, and a record read without its community takes its row's.
-- Called by the database owner (the access log is the system's record, not
-- a viewer's act: each line was collected from a read that row-level
-- security had just allowed), so it is not granted to turbota_app.
-- PL/pgSQL keeps the statement's plan for the session, and a generic one:
-- a function in SQL would plan it again on every call.
CREATE FUNCTION turbota_append_reads(occurred timestamptz[], actor_user text[], actor_api_client text[], request text[],
	ids text[], entries int[], typs text[], eids text[], communities text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET plan_cache_mode = force_generic_plan AS $$
BEGIN
	INSERT INTO audit_events
		(id, occurred_at, action, entity_type, entity_ids, community_id, actor_user_id, actor_api_client_id, request_id)
	SELECT ids[row_number() OVER (ORDER BY g.first)], occurred[g.entry], 'READ', g.typ, g.eids, g.community,
		nullif(actor_user[g.entry], ''), nullif(actor_api_client[g.entry], ''), nullif(request[g.entry], '')
	FROM (SELECT e.entry, e.typ, e.community, jsonb_agg(e.eid ORDER BY e.n) AS eids, min(e.n) AS first
		FROM (SELECT r.entry, r.typ, r.eid, r.n, coalesce(nullif(r.community, ''), CASE r.typ
				WHEN 'Person' THEN (SELECT p.community_id FROM persons p WHERE p.id = r.eid::bpchar)
				WHEN 'Family' THEN (SELECT f.community_id FROM families f WHERE f.id = r.eid::bpchar)
				WHEN 'CaseFile' THEN (SELECT c.community_id FROM case_files c WHERE c.id = r.eid::bpchar)
				WHEN 'Document' THEN (SELECT d.community_id FROM documents d WHERE d.id = r.eid::bpchar) END)::text AS community
			FROM unnest(entries, typs, eids, communities) WITH ORDINALITY AS r(entry, typ, eid, community, n)) AS e
		GROUP BY 1, 2, 3) AS g;
END $$;
REVOKE ALL ON FUNCTION turbota_append_reads(timestamptz[], text[], text[], text[], text[], int[], text[], text[], text[]) FROM PUBLIC;
