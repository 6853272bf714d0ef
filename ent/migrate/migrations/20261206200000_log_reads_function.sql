-- The access log's INSERT runs in every request that reads personal data.
-- As a plain statement PostgreSQL plans it on every call (0.45 ms, more than
-- it takes to run: its four community lookups each carry their table's
-- row-level security), because request connections plan every statement
-- for its parameters (plan_cache_mode = force_custom_plan, see package
-- stmtcache). In a PL/pgSQL function with a generic plan it is planned once
-- per connection; each lookup is by primary key, so one plan fits every call.
-- The function runs as its caller: row-level security still decides what it
-- may insert and which communities it may look up.
CREATE FUNCTION turbota_log_reads(occurred timestamptz, actor_user text, actor_api_client text, request text,
	ids text[], typs text[], eids text[], communities text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET plan_cache_mode = force_generic_plan AS $$
BEGIN
	INSERT INTO audit_events
		(id, occurred_at, action, entity_type, entity_id, community_id, actor_user_id, actor_api_client_id, request_id)
	SELECT e.id, occurred, 'READ', e.typ, e.eid, coalesce(nullif(e.community, ''), CASE e.typ
		WHEN 'Person' THEN (SELECT p.community_id FROM persons p WHERE p.id = e.eid::bpchar)
		WHEN 'Family' THEN (SELECT f.community_id FROM families f WHERE f.id = e.eid::bpchar)
		WHEN 'CaseFile' THEN (SELECT c.community_id FROM case_files c WHERE c.id = e.eid::bpchar)
		WHEN 'Document' THEN (SELECT d.community_id FROM documents d WHERE d.id = e.eid::bpchar) END),
		actor_user, actor_api_client, nullif(request, '')
	FROM unnest(ids, typs, eids, communities) AS e(id, typ, eid, community);
END $$;
GRANT EXECUTE ON FUNCTION turbota_log_reads(timestamptz, text, text, text, text[], text[], text[], text[]) TO turbota_app;
