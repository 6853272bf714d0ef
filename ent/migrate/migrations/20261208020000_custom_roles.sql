-- Create "custom_roles" table
CREATE TABLE "custom_roles" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name_uk" character varying NOT NULL, "name_en" character varying NOT NULL, "permissions" jsonb NOT NULL, "retired_at" timestamptz NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "custom_roles_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "customrole_community_id" to table: "custom_roles"
CREATE INDEX "customrole_community_id" ON "custom_roles" ("community_id");
-- Modify "invitations" table
ALTER TABLE "invitations" ADD COLUMN "custom_role_id" character(28) NULL, ADD CONSTRAINT "invitations_custom_roles_custom_role" FOREIGN KEY ("custom_role_id") REFERENCES "custom_roles" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Modify "memberships" table
ALTER TABLE "memberships" ADD COLUMN "custom_role_id" character(28) NULL, ADD CONSTRAINT "memberships_custom_roles_custom_role" FOREIGN KEY ("custom_role_id") REFERENCES "custom_roles" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Create index "membership_user_id_role_community_id_region_id_custom_role_id" to table: "memberships"
CREATE UNIQUE INDEX "membership_user_id_role_community_id_region_id_custom_role_id" ON "memberships" ("user_id", "role", "community_id", "region_id", "custom_role_id");

-- A community's own roles (authz/customroles.go). Their names are read
-- wherever the viewer may read the community (the app shows them beside
-- each member); they are defined, edited and retired where the viewer may
-- change the community's rules. Never deleted: memberships name them.
ALTER TABLE custom_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_roles FORCE ROW LEVEL SECURITY;
DO $$ BEGIN EXECUTE format('CREATE POLICY owner_all ON custom_roles TO %I USING (true) WITH CHECK (true)', current_user); END $$;
CREATE POLICY community_read ON custom_roles FOR SELECT
  USING (community_id = ANY ((SELECT turbota_readable('community'))::bpchar[]));
-- The person invited to a custom role, or holding one, reads its name
-- (authz.namedFor), though it may give no right to read the community.
-- Through a function, as for invitations: a function's body is no
-- dependency of the tables, so migrategen's replay drops them in any order.
CREATE FUNCTION turbota_custom_role_named(r bpchar) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT FROM invitations i WHERE i.custom_role_id = r AND i.user_id = (SELECT turbota_viewer_user()))
      OR EXISTS (SELECT FROM memberships m WHERE m.custom_role_id = r AND m.user_id = (SELECT turbota_viewer_user())) $$;
CREATE POLICY named_read ON custom_roles FOR SELECT USING (turbota_custom_role_named(id));
CREATE POLICY community_insert ON custom_roles FOR INSERT
  WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[])
    AND community_id = ANY ((SELECT turbota_readable('policy_rule'))::bpchar[]));
CREATE POLICY community_update ON custom_roles FOR UPDATE
  USING (community_id = ANY ((SELECT turbota_write_communities())::bpchar[])
    AND community_id = ANY ((SELECT turbota_readable('policy_rule'))::bpchar[]))
  WITH CHECK (community_id = ANY ((SELECT turbota_write_communities())::bpchar[]));
REVOKE DELETE ON custom_roles FROM turbota_app;

-- Every replica reloads its policy when a custom role changes.
CREATE TRIGGER notify_policy AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON custom_roles
  FOR EACH STATEMENT EXECUTE FUNCTION turbota_notify_policy();

-- Accepting an invitation to a custom role grants that role, no other.
CREATE FUNCTION turbota_invitation_accepted_now(u bpchar, c bpchar, r text, o bpchar, cr bpchar) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT FROM invitations i WHERE i.user_id = u AND i.community_id = c
      AND i.role::text = r AND i.organization_id IS NOT DISTINCT FROM o
      AND i.custom_role_id IS NOT DISTINCT FROM cr AND i.status = 'ACCEPTED'
      AND i.xmin::text = (txid_current() % 4294967296)::text) $$;
DROP POLICY membership_accept ON memberships;
CREATE POLICY membership_accept ON memberships FOR INSERT
  WITH CHECK (user_id = (SELECT turbota_viewer_user())
    AND turbota_invitation_accepted_now(user_id, community_id, role::text, organization_id, custom_role_id));
DROP FUNCTION turbota_invitation_accepted_now(bpchar, bpchar, text, bpchar);
