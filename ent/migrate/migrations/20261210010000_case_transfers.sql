-- Modify "case_files" table
ALTER TABLE "case_files" ADD COLUMN "received_at" timestamptz NULL;
-- Create "case_transfers" table
CREATE TABLE "case_transfers" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "case_id" character varying NOT NULL, "family_id" character varying NULL, "reason" character varying NOT NULL, "status" character varying NOT NULL DEFAULT 'REQUESTED', "requested_at" timestamptz NOT NULL, "requested_by_id" character varying NULL, "consent_id" character varying NULL, "override_reason" character varying NULL, "decided_at" timestamptz NULL, "decided_by_id" character varying NULL, "decline_reason" character varying NULL, "case_number" character varying NULL, "case_status" character varying NULL, "categories" jsonb NULL, "children" bigint NOT NULL DEFAULT 0, "adults" bigint NOT NULL DEFAULT 0, "danger" boolean NOT NULL DEFAULT false, "moved_at" timestamptz NULL, "moved_records" bigint NOT NULL DEFAULT 0, "community_id" character(28) NOT NULL, "to_community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "case_transfers_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "case_transfers_communities_to_community" FOREIGN KEY ("to_community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "casetransfer_case_id" to table: "case_transfers"
CREATE INDEX "casetransfer_case_id" ON "case_transfers" ("case_id");
-- Create index "casetransfer_community_id" to table: "case_transfers"
CREATE INDEX "casetransfer_community_id" ON "case_transfers" ("community_id");
-- Create index "casetransfer_to_community_id_status" to table: "case_transfers"
CREATE INDEX "casetransfer_to_community_id_status" ON "case_transfers" ("to_community_id", "status");
