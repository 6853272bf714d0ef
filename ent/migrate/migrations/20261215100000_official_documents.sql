-- Modify "organizations" table
ALTER TABLE "organizations" ADD COLUMN "full_name" character varying NULL, ADD COLUMN "parent_body" character varying NULL, ADD COLUMN "address" character varying NULL, ADD COLUMN "phone" character varying NULL, ADD COLUMN "email" character varying NULL, ADD COLUMN "head_position" character varying NULL, ADD COLUMN "head_name" character varying NULL;
-- Create "document_counters" table
CREATE TABLE "document_counters" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "organization_id" character varying NOT NULL, "year" bigint NOT NULL, "last" bigint NOT NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "document_counters_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "documentcounter_community_id_id" to table: "document_counters"
CREATE INDEX "documentcounter_community_id_id" ON "document_counters" ("community_id", "id");
-- Create index "documentcounter_organization_id_year" to table: "document_counters"
CREATE UNIQUE INDEX "documentcounter_organization_id_year" ON "document_counters" ("organization_id", "year");
-- Create "document_numbers" table
CREATE TABLE "document_numbers" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "subject_id" character varying NOT NULL, "organization_id" character varying NOT NULL, "year" bigint NOT NULL, "seq" bigint NOT NULL, "issued_at" timestamptz NOT NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "document_numbers_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "documentnumber_community_id_id" to table: "document_numbers"
CREATE INDEX "documentnumber_community_id_id" ON "document_numbers" ("community_id", "id");
-- Create index "documentnumber_kind_subject_id" to table: "document_numbers"
CREATE UNIQUE INDEX "documentnumber_kind_subject_id" ON "document_numbers" ("kind", "subject_id");
-- Create index "documentnumber_organization_id_year_seq" to table: "document_numbers"
CREATE UNIQUE INDEX "documentnumber_organization_id_year_seq" ON "document_numbers" ("organization_id", "year", "seq");
