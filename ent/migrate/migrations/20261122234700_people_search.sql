-- Hand-written: one function that walls off a community-owned table, so
-- each new tenant table is protected by one line; row-level security for
-- relationships; fuzzy name search.

-- turbota_protect_tenant_table enables and forces row-level security with
-- the community policies every tenant table has (see the security migration).
CREATE FUNCTION turbota_protect_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY owner_all ON %s TO %I USING (true) WITH CHECK (true)', t, current_user);
  EXECUTE format('CREATE POLICY community_read ON %s FOR SELECT USING (community_id = ANY ((SELECT turbota_read_communities())::bpchar[]))', t);
  EXECUTE format('CREATE POLICY community_insert ON %s FOR INSERT WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))', t);
  EXECUTE format('CREATE POLICY community_update ON %s FOR UPDATE USING (community_id = ANY ((SELECT turbota_write_communities())::bpchar[])) WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))', t);
  EXECUTE format('CREATE POLICY community_delete ON %s FOR DELETE USING (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]))', t);
END
$$;

SELECT turbota_protect_tenant_table('relationships');

-- Both people of a relationship belong to its community.
CREATE FUNCTION turbota_same_community() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  found int;
BEGIN
  SELECT count(DISTINCT id) INTO found FROM persons
    WHERE id IN (NEW.person_id, NEW.relative_id) AND community_id = NEW.community_id;
  IF NEW.person_id = NEW.relative_id OR found <> 2 THEN
    RAISE EXCEPTION 'a relationship joins two people of its own community' USING ERRCODE = '23503';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER same_community BEFORE INSERT ON relationships
  FOR EACH ROW EXECUTE FUNCTION turbota_same_community();

-- Fuzzy search of people by name (pg_trgm is a trusted extension: the
-- database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE FUNCTION turbota_person_name(last_name text, first_name text, patronymic text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(last_name || ' ' || first_name || ' ' || coalesce(patronymic, '')) $$;
CREATE INDEX person_name_trgm ON persons USING gin (turbota_person_name(last_name, first_name, patronymic) gin_trgm_ops);
