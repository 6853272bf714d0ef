-- Hand-written: a case transfer belongs to the sending community, and is
-- the one record the receiving community reads (and answers) before the
-- case is its own: both read it where their role reads transfers, and
-- both may update it (the receiver accepts or declines, the sender
-- withdraws; authz.AllowTransferAnswer says which status each may set).
-- A transfer is never deleted: it is the sender's record of what it sent.
SELECT turbota_protect_tenant_table('case_transfers');
REVOKE DELETE, TRUNCATE ON case_transfers FROM turbota_app;
DROP POLICY community_read ON case_transfers;
CREATE POLICY community_read ON case_transfers FOR SELECT
  USING (community_id = ANY ((SELECT turbota_readable('case_transfer'))::bpchar[])
      OR to_community_id = ANY ((SELECT turbota_readable('case_transfer'))::bpchar[]));
DROP POLICY community_update ON case_transfers;
CREATE POLICY community_update ON case_transfers FOR UPDATE
  USING (community_id = ANY ((SELECT turbota_write_communities())::bpchar[])
      OR to_community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))
  WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[])
      OR to_community_id = ANY ((SELECT turbota_write_communities())::bpchar[]));

-- turbota_carry_transfer is the one path by which records change community:
-- on an accepted transfer the family, its people, its cases and every record
-- of those cases move from the sender to the receiver, in the accepting
-- request's transaction. It runs as the owner (SECURITY DEFINER), because
-- the receiver may not touch the sender's rows and no one's role may
-- rewrite community_id; it therefore checks everything itself: the
-- transfer is ACCEPTED, not yet carried, accepted by the calling viewer,
-- and addressed to a community the viewer writes in. What it moved is
-- returned (type, id) for the change log; the sender's organisations lose
-- their accesses and places on the team, and referrals still waiting are
-- cancelled, all dated by the acceptance, and the transfer keeps when and
-- how many records moved (the product's clock, never now()).
-- Notifications and vouchers stay with the sender (its staff's messages,
-- its programme's budget).
CREATE FUNCTION turbota_carry_transfer(transfer bpchar) RETURNS TABLE (entity_type text, entity_id text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t case_transfers%ROWTYPE;
  cases bpchar[];
  people bpchar[];
  docs bpchar[];
  moved int;
BEGIN
  SELECT * INTO t FROM case_transfers WHERE id = transfer FOR UPDATE;
  IF NOT FOUND OR t.status <> 'ACCEPTED' OR t.moved_at IS NOT NULL OR t.decided_at IS NULL
     OR t.decided_by_id IS DISTINCT FROM (SELECT turbota_viewer_user())
     OR NOT (t.to_community_id = ANY ((SELECT turbota_write_communities())::bpchar[])) THEN
    RAISE EXCEPTION 'turbota: no accepted transfer of this viewer to carry' USING ERRCODE = '42501';
  END IF;
  SELECT array_agg(c.id) INTO cases FROM case_files c
   WHERE c.community_id = t.community_id
     AND (c.id = t.case_id::bpchar OR (t.family_id IS NOT NULL AND c.family_id = t.family_id::bpchar));
  SELECT array_agg(DISTINCT p.id) INTO people FROM persons p
   WHERE p.community_id = t.community_id
     AND ((t.family_id IS NOT NULL AND p.family_id = t.family_id::bpchar)
       OR p.id IN (SELECT person_id FROM case_file_children WHERE case_file_id = ANY (cases)));
  SELECT array_agg(d.id) INTO docs FROM documents d WHERE d.community_id = t.community_id AND d.case_id = ANY (cases);

  UPDATE case_accesses SET revoked_at = t.decided_at WHERE case_id = ANY (cases) AND revoked_at IS NULL;
  UPDATE team_members SET removed_at = t.decided_at WHERE case_id = ANY (cases) AND removed_at IS NULL;
  UPDATE referrals SET status = 'CANCELLED', answered_at = t.decided_at WHERE case_id = ANY (cases) AND status = 'SENT';

  RETURN QUERY
    WITH f AS (UPDATE families SET community_id = t.to_community_id
                WHERE id = t.family_id::bpchar AND community_id = t.community_id RETURNING 'Family'::text, id::text),
         p AS (UPDATE persons SET community_id = t.to_community_id WHERE id = ANY (people) RETURNING 'Person'::text, id::text),
         rl AS (UPDATE relationships SET community_id = t.to_community_id
                 WHERE person_id = ANY (people) OR relative_id = ANY (people) RETURNING 'Relationship'::text, id::text),
         rp AS (UPDATE reports SET community_id = t.to_community_id
                 WHERE community_id = t.community_id AND (report_case = ANY (cases) OR (t.family_id IS NOT NULL AND family_id = t.family_id::bpchar))
                 RETURNING 'Report'::text, id::text),
         cn AS (UPDATE consents SET community_id = t.to_community_id
                 WHERE t.family_id IS NOT NULL AND family_id = t.family_id::bpchar RETURNING 'Consent'::text, id::text),
         cf AS (UPDATE case_files SET community_id = t.to_community_id WHERE id = ANY (cases) RETURNING 'CaseFile'::text, id::text),
         ce AS (UPDATE case_events SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'CaseEvent'::text, id::text),
         sa AS (UPDATE safety_assessments SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'SafetyAssessment'::text, id::text),
         na AS (UPDATE needs_assessments SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'NeedsAssessment'::text, id::text),
         de AS (UPDATE decisions SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'Decision'::text, id::text),
         pl AS (UPDATE placements SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'Placement'::text, id::text),
         pn AS (UPDATE plans SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'Plan'::text, id::text),
         pr AS (UPDATE plan_reviews SET community_id = t.to_community_id
                 WHERE plan_id IN (SELECT id FROM plans WHERE case_id = ANY (cases)) RETURNING 'PlanReview'::text, id::text),
         rf AS (UPDATE referrals SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'Referral'::text, id::text),
         ca AS (UPDATE case_accesses SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'CaseAccess'::text, id::text),
         tm AS (UPDATE team_members SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'TeamMember'::text, id::text),
         sp AS (UPDATE service_provisions SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'ServiceProvision'::text, id::text),
         ac AS (UPDATE activities SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'Activity'::text, id::text),
         dc AS (UPDATE documents SET community_id = t.to_community_id WHERE id = ANY (docs) RETURNING 'Document'::text, id::text),
         dk AS (UPDATE document_chunks SET community_id = t.to_community_id WHERE document_id = ANY (docs) RETURNING 'DocumentChunk'::text, id::text),
         ap AS (UPDATE approvals SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'Approval'::text, id::text),
         ea AS (UPDATE emergency_accesses SET community_id = t.to_community_id WHERE case_id = ANY (cases) RETURNING 'EmergencyAccess'::text, id::text)
    SELECT * FROM f UNION ALL SELECT * FROM p UNION ALL SELECT * FROM rl UNION ALL SELECT * FROM rp
    UNION ALL SELECT * FROM cn UNION ALL SELECT * FROM cf UNION ALL SELECT * FROM ce UNION ALL SELECT * FROM sa
    UNION ALL SELECT * FROM na UNION ALL SELECT * FROM de UNION ALL SELECT * FROM pl UNION ALL SELECT * FROM pn
    UNION ALL SELECT * FROM pr UNION ALL SELECT * FROM rf UNION ALL SELECT * FROM ca UNION ALL SELECT * FROM tm
    UNION ALL SELECT * FROM sp UNION ALL SELECT * FROM ac UNION ALL SELECT * FROM dc UNION ALL SELECT * FROM dk
    UNION ALL SELECT * FROM ap UNION ALL SELECT * FROM ea;
  GET DIAGNOSTICS moved = ROW_COUNT;
  UPDATE case_transfers SET moved_at = t.decided_at, moved_records = moved WHERE id = transfer;
END $$;
REVOKE ALL ON FUNCTION turbota_carry_transfer(bpchar) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_carry_transfer(bpchar) TO turbota_app;

-- turbota_notify_transfer tells the other side of a transfer what happened:
-- a request (or its withdrawal) reaches the receiving community's
-- children's service and social protection staff, an answer the sending
-- community's. One community may neither read the other's memberships nor
-- write its notifications, so this runs as the owner and checks that the
-- caller writes in the community whose step the transfer's status is.
-- Notification ids come from the caller's fresh id (base: its prefix and
-- time) with a per-user tail; the message names the transfer, never the family.
CREATE FUNCTION turbota_notify_transfer(transfer bpchar, base text, at timestamptz) RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t case_transfers%ROWTYPE;
  target bpchar;
  what text;
  n int;
BEGIN
  SELECT * INTO t FROM case_transfers WHERE id = transfer;
  IF FOUND AND t.status IN ('REQUESTED', 'WITHDRAWN') AND t.community_id = ANY ((SELECT turbota_write_communities())::bpchar[]) THEN
    target := t.to_community_id; what := 'TRANSFER_REQUESTED';
  ELSIF FOUND AND t.status IN ('ACCEPTED', 'DECLINED') AND t.to_community_id = ANY ((SELECT turbota_write_communities())::bpchar[]) THEN
    target := t.community_id; what := 'TRANSFER_ANSWERED';
  ELSE
    RAISE EXCEPTION 'turbota: not a party to this transfer' USING ERRCODE = '42501';
  END IF;
  INSERT INTO notifications (id, created_at, updated_at, user_id, kind, subject_id, detail, community_id)
  SELECT left(base, 18) || upper(substr(md5(m.user_id || base), 1, 10)), at, at, m.user_id, what, t.id, t.status, target
    FROM (SELECT DISTINCT user_id FROM memberships
           WHERE community_id = target AND role IN ('CHILDREN_SERVICE', 'SOCIAL_PROTECTION')) m
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
REVOKE ALL ON FUNCTION turbota_notify_transfer(bpchar, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_notify_transfer(bpchar, text, timestamptz) TO turbota_app;

-- The receiver's answer changes a record of the sending community, and the
-- change log keeps it there (the record's community): the receiver may
-- append, and read back, the change events of a transfer addressed to a
-- community it writes in, and of nothing else of the sender's.
CREATE FUNCTION turbota_transfer_to_viewer(entity text, community text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM case_transfers t WHERE t.id = entity::bpchar AND t.community_id = community::bpchar
                   AND t.to_community_id = ANY ((SELECT turbota_write_communities())::bpchar[])) $$;
REVOKE ALL ON FUNCTION turbota_transfer_to_viewer(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION turbota_transfer_to_viewer(text, text) TO turbota_app;
CREATE POLICY audit_append_transfer ON audit_events FOR INSERT
  WITH CHECK (entity_type = 'CaseTransfer' AND turbota_transfer_to_viewer(entity_id, community_id));
CREATE POLICY audit_read_transfer ON audit_events FOR SELECT
  USING (entity_type = 'CaseTransfer' AND actor_user_id = (SELECT turbota_viewer_user())
         AND turbota_transfer_to_viewer(entity_id, community_id));
