-- Hand-written: placements are community-owned records of a case, read and
-- written as the case's other records (decisions are their siblings):
-- the community walls, need-to-know by the case, the object permission;
-- a placement is ended by an update, never deleted.
SELECT turbota_protect_tenant_table('placements');
REVOKE DELETE, TRUNCATE ON placements FROM turbota_app;
SELECT turbota_need_to_know('placements', 'turbota_case_granted(case_id)');
SELECT turbota_object_read('placements', 'placement');
-- The gatekeeping indicators count placements: a change advances the
-- indicators' epoch, as for the other tables they read.
CREATE TRIGGER indicator_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON placements
  FOR EACH STATEMENT EXECUTE FUNCTION turbota_indicator_epoch_advance();

-- Urgent measures had a free-text kind; placements now say the form of
-- care apart from the kind. Measures recorded before keep what they said,
-- in the enumeration's terms (the children they concerned were never
-- named, so no placement can be derived from them).
UPDATE safety_assessments sa SET urgent_measures = (
  SELECT jsonb_agg(CASE m->>'kind'
      WHEN 'PLACEMENT_WITH_RELATIVES' THEN jsonb_set(m, '{kind}', '"PLACEMENT"') || '{"form": "KIN_CARE"}'
      WHEN 'PLACEMENT_FOSTER_FAMILY' THEN jsonb_set(m, '{kind}', '"PLACEMENT"') || '{"form": "FOSTER_FAMILY"}'
      WHEN 'PLACEMENT_FOSTERFAMILY' THEN jsonb_set(m, '{kind}', '"PLACEMENT"') || '{"form": "FOSTER_FAMILY"}'
      WHEN 'PLACEMENT_INSTITUTION' THEN jsonb_set(m, '{kind}', '"PLACEMENT"') || '{"form": "INSTITUTION_OTHER"}'
      ELSE CASE WHEN m->>'kind' IN ('REMOVAL', 'PLACEMENT', 'MEDICAL_CARE', 'POLICE_PROTECTION', 'RESTRAINING_ORDER', 'OTHER')
                THEN m ELSE jsonb_set(m, '{kind}', '"OTHER"') END
    END ORDER BY ord)
  FROM jsonb_array_elements(sa.urgent_measures) WITH ORDINALITY AS e(m, ord))
WHERE sa.urgent_measures IS NOT NULL AND jsonb_typeof(sa.urgent_measures) = 'array' AND jsonb_array_length(sa.urgent_measures) > 0;
