-- Hand-written: need-to-know and the policy's object permissions in
-- row-level security, so that every SQL path (a GraphQL where filter walking
-- edges in subqueries included) sees exactly what the ent privacy rules
-- let the viewer see (authz/needtoknow.go, violence.go, reports.go,
-- rules.go). The server computes the viewer's side once per request
-- (authz.SightOf) and hands it over with the communities (tenant.BeginWith).
--
-- All new policies are RESTRICTIVE and TO turbota_app: they narrow the
-- community policies for requests and leave the owner's system work alone.

-- Settings, each read once per statement through (SELECT fn()).
CREATE FUNCTION turbota_setting_ids(name text) RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(string_to_array(nullif(current_setting(name, true), ''), ','), '{}') $$;
-- Communities where need-to-know narrows the viewer (provider staff, an
-- overseer's emergency access), and the organisations of those grants.
CREATE FUNCTION turbota_narrowed() RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT turbota_setting_ids('turbota.narrowed') $$;
CREATE FUNCTION turbota_orgs() RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT turbota_setting_ids('turbota.orgs') $$;
-- Communities where the viewer only reports: their own reports only.
CREATE FUNCTION turbota_reporting() RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT turbota_setting_ids('turbota.reporting') $$;
-- Communities the viewer reads without violence_case:read.
CREATE FUNCTION turbota_no_violence() RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT turbota_setting_ids('turbota.no_violence') $$;
CREATE FUNCTION turbota_subject() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT nullif(current_setting('turbota.subject', true), '') $$;
CREATE FUNCTION turbota_emergency() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT current_setting('turbota.emergency', true) = 'on' $$;
-- The product's clock (package clock), which emergency access expiry
-- follows, not PostgreSQL's now().
CREATE FUNCTION turbota_now() RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(nullif(current_setting('turbota.now', true), '')::timestamptz, now()) $$;
-- The communities where the policy lets the viewer read an object type:
-- turbota.readable lists only the objects whose communities differ from
-- the read set, as {"case_file": ["CM..", ...], ...}.
CREATE FUNCTION turbota_readable(obj text) RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN r ? obj THEN ARRAY(SELECT jsonb_array_elements_text(r -> obj))
                    ELSE turbota_read_communities() END
        FROM (SELECT coalesce(nullif(current_setting('turbota.readable', true), '')::jsonb, '{}') AS r) s $$;
-- The categories that put a case behind violence_case:read
-- (casework.Category.IsViolence; a test keeps the two equal).
CREATE FUNCTION turbota_violence_categories() RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY['PHYSICAL_VIOLENCE', 'PSYCHOLOGICAL_VIOLENCE', 'SEXUAL_VIOLENCE', 'DOMESTIC_VIOLENCE'] $$;

-- Record-level lookups. They run as the owner (SECURITY DEFINER) because
-- they read the very tables whose policies call them (case_accesses is
-- visible by case_accesses): the answer depends on the viewer's settings,
-- never on what else of the table they may see. Tables are named with
-- their schema, so no search path can put another table in their place.

-- An access to the case for the viewer or their organisation, or the
-- viewer's emergency access while it lasts (authz knower.caseVisible).
CREATE FUNCTION turbota_case_granted(c bpchar) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
  AS $$ SELECT EXISTS (SELECT 1 FROM public.case_accesses ca WHERE ca.case_id = c AND ca.revoked_at IS NULL
                       AND (ca.user_id = turbota_viewer_user() OR ca.organization_id = ANY (turbota_orgs()::bpchar[])))
            OR (turbota_emergency() AND EXISTS (SELECT 1 FROM public.emergency_accesses ea
                       WHERE ea.case_id = c AND ea.ended_at IS NULL AND ea.expires_at > turbota_now()
                       AND ea.user_id = turbota_viewer_user())) $$;
-- Registered by the organisation, or the family of a granted case
-- (knower.familyVisible).
CREATE FUNCTION turbota_family_visible(community bpchar, f bpchar) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
  AS $$ SELECT EXISTS (SELECT 1 FROM public.families fa WHERE fa.id = f
                       AND (fa.registered_by_organization_id = ANY (turbota_orgs()::bpchar[])
                            OR EXISTS (SELECT 1 FROM public.case_files cf WHERE cf.community_id = community
                                       AND cf.family_id = fa.id AND turbota_case_granted(cf.id)))) $$;
-- Registered by the organisation, a member of a visible family, or a child
-- of a granted case (knower.personVisible).
CREATE FUNCTION turbota_person_visible(community bpchar, p bpchar) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
  AS $$ SELECT EXISTS (SELECT 1 FROM public.persons pe WHERE pe.id = p
                       AND (pe.registered_by_organization_id = ANY (turbota_orgs()::bpchar[])
                            OR (pe.family_id IS NOT NULL AND turbota_family_visible(community, pe.family_id))
                            OR EXISTS (SELECT 1 FROM public.case_file_children cc WHERE cc.person_id = pe.id
                                       AND turbota_case_granted(cc.case_file_id)))) $$;
-- One of the case's reports names violence or abuse (FilterViolenceCases).
CREATE FUNCTION turbota_case_violent(community bpchar, c bpchar) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
  AS $$ SELECT EXISTS (SELECT 1 FROM public.reports r WHERE r.community_id = community AND r.report_case = c
                       AND jsonb_exists_any(r.categories, turbota_violence_categories())) $$;
-- Someone who may see violence cases shared this one with the viewer
-- (authz notGranted, negated): only viewers narrowed somewhere hold grants.
CREATE FUNCTION turbota_case_shared(c bpchar) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT turbota_narrowed() <> '{}' AND turbota_case_granted(c) $$;
REVOKE ALL ON FUNCTION turbota_case_granted(bpchar), turbota_family_visible(bpchar, bpchar),
  turbota_person_visible(bpchar, bpchar), turbota_case_violent(bpchar, bpchar) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_case_granted(bpchar), turbota_family_visible(bpchar, bpchar),
  turbota_person_visible(bpchar, bpchar), turbota_case_violent(bpchar, bpchar) TO turbota_app;

-- Need-to-know (authz links): in the narrowed communities a row is read,
-- changed or deleted only where its link finds it visible. A change's new
-- row is not checked: the rule decides which rows may be touched.
CREATE FUNCTION turbota_need_to_know(t regclass, link text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  cond text := format('(NOT (community_id = ANY ((SELECT turbota_narrowed())::bpchar[])) OR %s)', link);
BEGIN
  EXECUTE format('CREATE POLICY need_to_know_read ON %s AS RESTRICTIVE FOR SELECT TO turbota_app USING %s', t, cond);
  EXECUTE format('CREATE POLICY need_to_know_update ON %s AS RESTRICTIVE FOR UPDATE TO turbota_app USING %s WITH CHECK (true)', t, cond);
  EXECUTE format('CREATE POLICY need_to_know_delete ON %s AS RESTRICTIVE FOR DELETE TO turbota_app USING %s', t, cond);
END
$$;
SELECT turbota_need_to_know('case_files', 'turbota_case_granted(id)');
SELECT turbota_need_to_know('reports', 'turbota_case_granted(report_case)');
SELECT turbota_need_to_know('families', 'turbota_family_visible(community_id, id)');
SELECT turbota_need_to_know('consents', 'turbota_family_visible(community_id, family_id)');
SELECT turbota_need_to_know('vouchers', 'turbota_family_visible(community_id, family_id)');
SELECT turbota_need_to_know('persons', 'turbota_person_visible(community_id, id)');
SELECT turbota_need_to_know('relationships', 'turbota_person_visible(community_id, person_id)');
SELECT turbota_need_to_know(t, 'turbota_case_granted(case_id)')
  FROM unnest(ARRAY['case_events', 'safety_assessments', 'needs_assessments', 'decisions', 'plans', 'team_members',
                    'service_provisions', 'activities', 'case_accesses', 'documents', 'approvals']::regclass[]) AS t;
SELECT turbota_need_to_know('plan_reviews',
  'EXISTS (SELECT 1 FROM plans pl WHERE pl.id = plan_id AND turbota_case_granted(pl.case_id))');
SELECT turbota_need_to_know('referrals', '(from_organization_id = ANY ((SELECT turbota_orgs())::bpchar[])
  OR to_organization_id = ANY ((SELECT turbota_orgs())::bpchar[]) OR turbota_case_granted(case_id))');

-- Violence cases and their reports only with violence_case:read, or where
-- the case was shared with the viewer; a report never from its submitter.
CREATE POLICY violence_read ON case_files AS RESTRICTIVE FOR SELECT TO turbota_app
  USING (NOT (community_id = ANY ((SELECT turbota_no_violence())::bpchar[])
              AND turbota_case_violent(community_id, id) AND NOT turbota_case_shared(id)));
CREATE POLICY violence_read ON reports AS RESTRICTIVE FOR SELECT TO turbota_app
  USING (NOT (community_id = ANY ((SELECT turbota_no_violence())::bpchar[])
              AND coalesce(jsonb_exists_any(categories, turbota_violence_categories()), false)
              AND submitted_by IS DISTINCT FROM (SELECT turbota_subject())
              AND NOT turbota_case_shared(report_case)));
-- A reporting partner reads only its own reports (FilterOwnReports).
CREATE POLICY own_reports_read ON reports AS RESTRICTIVE FOR SELECT TO turbota_app
  USING (NOT (community_id = ANY ((SELECT turbota_reporting())::bpchar[]))
         OR submitted_by = (SELECT turbota_subject()));

-- The policy's object permissions (FilterReadable): a role that may not
-- read a type in a community reads none of its rows there, through any
-- path. The readable communities of a type are a subset of the read set,
-- so they replace it in the community policy: one condition on
-- community_id, as before, keeps the planner's estimates (a second one
-- made it expect a row where there are thousands, and join by nested
-- loops). Notifications are each user's own and stay out of this.
CREATE FUNCTION turbota_object_read(t regclass, obj text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP POLICY community_read ON %s', t);
  EXECUTE format('CREATE POLICY community_read ON %s FOR SELECT
                  USING (community_id = ANY ((SELECT turbota_readable(%L))::bpchar[]))', t, obj);
END
$$;
SELECT turbota_object_read(t::regclass, o) FROM (VALUES
  ('organizations', 'organization'), ('api_clients', 'api_client'), ('families', 'family'), ('persons', 'person'),
  ('relationships', 'relationship'), ('reports', 'report'), ('case_files', 'case_file'), ('case_events', 'case_event'),
  ('safety_assessments', 'safety_assessment'), ('needs_assessments', 'needs_assessment'), ('decisions', 'decision'),
  ('plans', 'plan'), ('plan_reviews', 'plan_review'), ('consents', 'consent'), ('referrals', 'referral'),
  ('case_accesses', 'case_access'), ('team_members', 'team_member'), ('service_provisions', 'service_provision'),
  ('activities', 'activity'), ('documents', 'document'), ('document_chunks', 'document'),
  ('commission_sessions', 'commission_session'), ('approvals', 'approval'), ('calendar_years', 'calendar_year'),
  ('provider_services', 'provider_service'), ('emergency_accesses', 'emergency_access'),
  ('voucher_programmes', 'voucher_programme'), ('vouchers', 'voucher')) AS m(t, o);
-- Memberships stay readable in the read set: workflows find whom to notify
-- (notify.Members) whatever the viewer may read of them.
-- The log: where the policy lets the viewer read it, and the viewer's own
-- acts, which every change appends (INSERT ... RETURNING reads the new row).
CREATE POLICY object_read ON audit_events AS RESTRICTIVE FOR SELECT TO turbota_app
  USING (community_id = ANY ((SELECT turbota_readable('audit_event'))::text[])
         OR actor_user_id = (SELECT turbota_viewer_user())
         OR 'api:' || actor_api_client_id = (SELECT turbota_subject()));

-- Two workflow steps act on a case the viewer may not read, and need one
-- fact of it: the overseer finds the case its emergency access opens by
-- the de-identified reference (package emergency), and a provider
-- declining a referral records the case's status on its timeline. Each
-- answers that fact only, and only within the viewer's communities.
CREATE FUNCTION turbota_case_by_reference(community bpchar, reference text) RETURNS bpchar
  LANGUAGE sql STABLE SECURITY DEFINER
  AS $$ SELECT cf.id FROM public.case_files cf WHERE cf.community_id = community
        AND community = ANY (turbota_read_communities()::bpchar[]) AND substr(md5(cf.id), 1, 12) = reference $$;
CREATE FUNCTION turbota_referred_case_status(referral bpchar) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER
  AS $$ SELECT cf.status FROM public.referrals r JOIN public.case_files cf ON cf.id = r.case_id
        WHERE r.id = referral AND r.to_organization_id = ANY (turbota_orgs()::bpchar[])
        AND r.community_id = ANY (turbota_read_communities()::bpchar[]) $$;
REVOKE ALL ON FUNCTION turbota_case_by_reference(bpchar, text), turbota_referred_case_status(bpchar) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_case_by_reference(bpchar, text), turbota_referred_case_status(bpchar) TO turbota_app;
