-- The access log of an operation whose records all name their community
-- (every read of a viewer of one community, and every query that selected
-- the column): the same lines as turbota_log_reads, without its lookups of
-- a record's community. Those lookups, even unused, made every read lock
-- persons, families, case files and documents with their keys: with the
-- read itself and the log's indexes that passed the sixteen locks a
-- PostgreSQL backend takes without the shared lock table, and sixteen
-- concurrent reads queued on its partition locks.
CREATE FUNCTION turbota_log_known_reads(occurred timestamptz, actor_user text, actor_api_client text, request text,
	ids text[], typs text[], eids text[], communities text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET plan_cache_mode = force_generic_plan AS $$
BEGIN
	INSERT INTO audit_events
		(id, occurred_at, action, entity_type, entity_ids, community_id, actor_user_id, actor_api_client_id, request_id)
	SELECT ids[row_number() OVER ()], occurred, 'READ', g.typ, g.eids, g.community,
		actor_user, actor_api_client, nullif(request, '')
	FROM (SELECT e.typ, e.community, jsonb_agg(e.eid ORDER BY e.n) AS eids
		FROM unnest(typs, eids, communities) WITH ORDINALITY AS e(typ, eid, community, n)
		GROUP BY 1, 2) AS g;
END $$;
REVOKE ALL ON FUNCTION turbota_log_known_reads(timestamptz, text, text, text, text[], text[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_log_known_reads(timestamptz, text, text, text, text[], text[], text[], text[]) TO turbota_app;

-- The log with lookups now only finds the communities a read did not name
-- and hands the lines to turbota_log_known_reads: one INSERT for both.
CREATE OR REPLACE FUNCTION turbota_log_reads(occurred timestamptz, actor_user text, actor_api_client text, request text,
	ids text[], typs text[], eids text[], communities text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET plan_cache_mode = force_generic_plan AS $$
BEGIN
	PERFORM turbota_log_known_reads(occurred, actor_user, actor_api_client, request, ids, typs, eids,
		ARRAY(SELECT coalesce(nullif(e.community, ''), CASE e.typ
				WHEN 'Person' THEN (SELECT p.community_id FROM persons p WHERE p.id = e.eid::bpchar)
				WHEN 'Family' THEN (SELECT f.community_id FROM families f WHERE f.id = e.eid::bpchar)
				WHEN 'CaseFile' THEN (SELECT c.community_id FROM case_files c WHERE c.id = e.eid::bpchar)
				WHEN 'Document' THEN (SELECT d.community_id FROM documents d WHERE d.id = e.eid::bpchar) END)
			FROM unnest(typs, eids, communities) WITH ORDINALITY AS e(typ, eid, community, n) ORDER BY e.n));
END $$;
