-- Modify "activities" table
ALTER TABLE "activities" ADD COLUMN "planned" boolean NOT NULL DEFAULT false, ADD COLUMN "fulfils_id" character varying NULL;
-- Create "saved_filters" table
CREATE TABLE "saved_filters" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "user_id" character varying NOT NULL, "name" character varying NOT NULL, "mine" boolean NOT NULL DEFAULT false, "statuses" jsonb NULL, "kinds" jsonb NULL, "organization_id" character varying NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "saved_filters_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "savedfilter_community_id" to table: "saved_filters"
CREATE INDEX "savedfilter_community_id" ON "saved_filters" ("community_id");
-- Create index "savedfilter_user_id_community_id_name" to table: "saved_filters"
CREATE UNIQUE INDEX "savedfilter_user_id_community_id_name" ON "saved_filters" ("user_id", "community_id", "name");
