-- A server keeps the sessions it has checked (internal/auth, sessionCache)
-- and asks PostgreSQL, inside each request's own transaction, whether the
-- session is still what it checked: the stamp sums up everything a caller
-- is made of (the session's end, whether it went idle, its second-factor state, the account's
-- state, its memberships and its live emergency accesses). Any change made
-- anywhere, by this server or another, changes the stamp; the request then
-- looks the session up again before it reads anything. The check travels in
-- the message that begins the transaction, so it costs no round trip.
-- (Times enter the stamp as epochs: the same on every connection, whatever
-- its TimeZone and DateStyle. The last use enters only as whether the
-- session went idle, so the last-seen mark, written once a minute by
-- concurrent requests, leaves the stamp alone.)
-- PL/pgSQL, not SQL: PostgreSQL keeps a PL/pgSQL function's plans for the
-- connection, and plans an SQL function's body on every call (0.16 ms).
-- Every table is named with its schema instead of a SET search_path
-- clause, which costs every call a save and restore of the settings (the
-- two calls of a request took 0.04 ms for it); a temporary table cannot
-- stand in for a qualified one.
CREATE FUNCTION turbota_session_stamp(hash bytea, at timestamptz, idle_seconds double precision) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
	RETURN (SELECT md5(concat_ws('|', s.id, extract(epoch FROM s.revoked_at), extract(epoch FROM s.expires_at),
		s.last_seen_at + make_interval(secs => idle_seconds) < at, s.totp_pending_enrollment, u.disabled,
		(SELECT string_agg(concat_ws('/', m.id, m.role, m.custom_role_id, m.community_id, m.region_id, m.organization_id), ',' ORDER BY m.id)
			FROM public.memberships m WHERE m.user_id = s.user_id),
		(SELECT string_agg(concat_ws('/', ea.id, ea.community_id), ',' ORDER BY ea.id)
			FROM public.emergency_accesses ea WHERE ea.user_id = s.user_id AND ea.ended_at IS NULL AND ea.expires_at > at)))
	FROM public.sessions s JOIN public.users u ON u.id = s.user_id WHERE s.token_hash = hash);
END $$;

-- Raises turbota_session_changed (SQLSTATE TBS01) unless the session's stamp
-- is still the one given; the request's setup calls it.
CREATE FUNCTION turbota_session_unchanged(hash bytea, stamp text, at timestamptz, idle_seconds double precision) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
	IF public.turbota_session_stamp(hash, at, idle_seconds) IS DISTINCT FROM stamp THEN
		RAISE EXCEPTION 'the session changed since it was checked' USING ERRCODE = 'TBS01';
	END IF;
	RETURN true;
END $$;
REVOKE ALL ON FUNCTION turbota_session_stamp(bytea, timestamptz, double precision),
	turbota_session_unchanged(bytea, text, timestamptz, double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_session_unchanged(bytea, text, timestamptz, double precision) TO turbota_app;
