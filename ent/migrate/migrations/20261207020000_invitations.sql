-- Create "invitations" table
CREATE TABLE "invitations" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "email" character varying NOT NULL, "role" character varying NOT NULL, "status" character varying NOT NULL DEFAULT 'PENDING', "invited_by_id" character varying NOT NULL, "community_id" character(28) NOT NULL, "organization_id" character(28) NULL, "user_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "invitations_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "invitations_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "invitations_users_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "invitation_community_id" to table: "invitations"
CREATE INDEX "invitation_community_id" ON "invitations" ("community_id");
-- Create index "invitation_user_id_status" to table: "invitations"
CREATE INDEX "invitation_user_id_status" ON "invitations" ("user_id", "status");
