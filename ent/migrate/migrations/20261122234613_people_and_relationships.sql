-- Modify "families" table
ALTER TABLE "families" ADD COLUMN "starosta_district" character varying NULL, ADD COLUMN "living_conditions" character varying NULL, ADD COLUMN "income_sources" jsonb NULL, ADD COLUMN "displacement_status" character varying NOT NULL DEFAULT 'NOT_DISPLACED';
-- Modify "persons" table
ALTER TABLE "persons" ADD COLUMN "identity_documents" jsonb NULL, ADD COLUMN "disability" character varying NOT NULL DEFAULT 'NONE', ADD COLUMN "parental_care_status" character varying NOT NULL DEFAULT 'WITH_PARENTS', ADD COLUMN "internally_displaced" boolean NOT NULL DEFAULT false;
-- Create "relationships" table
CREATE TABLE "relationships" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "note" character varying NULL, "person_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, "relative_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "relationships_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "relationships_persons_relationships" FOREIGN KEY ("person_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "relationships_persons_relative" FOREIGN KEY ("relative_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "relationship_community_id" to table: "relationships"
CREATE INDEX "relationship_community_id" ON "relationships" ("community_id");
-- Create index "relationship_person_id_relative_id_kind" to table: "relationships"
CREATE UNIQUE INDEX "relationship_person_id_relative_id_kind" ON "relationships" ("person_id", "relative_id", "kind");
