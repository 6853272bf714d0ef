-- Modify "decisions" table
ALTER TABLE "decisions" ADD COLUMN "children" jsonb NULL;
-- Modify "persons" table
ALTER TABLE "persons" ADD COLUMN "parental_care_basis" character varying NULL, ADD COLUMN "parental_care_since" timestamptz NULL;
-- Create "placements" table
CREATE TABLE "placements" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "form" character varying NOT NULL, "address" character varying NULL, "started_at" timestamptz NOT NULL, "ended_at" timestamptz NULL, "end_reason" character varying NULL, "end_note" character varying NULL, "emergency_reason" character varying NULL, "review_due" timestamptz NULL, "recorded_by_id" character varying NULL, "case_id" character(28) NOT NULL, "child_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, "organization_id" character(28) NULL, "decision_id" character(28) NULL, "safety_assessment_id" character(28) NULL, PRIMARY KEY ("id"), CONSTRAINT "placements_case_files_placements" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "placements_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "placements_decisions_decision" FOREIGN KEY ("decision_id") REFERENCES "decisions" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "placements_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "placements_persons_placements" FOREIGN KEY ("child_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "placements_safety_assessments_safety_assessment" FOREIGN KEY ("safety_assessment_id") REFERENCES "safety_assessments" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "placement_case_id" to table: "placements"
CREATE INDEX "placement_case_id" ON "placements" ("case_id");
-- Create index "placement_child_id" to table: "placements"
CREATE INDEX "placement_child_id" ON "placements" ("child_id");
-- Create index "placement_community_id" to table: "placements"
CREATE INDEX "placement_community_id" ON "placements" ("community_id");
-- Create index "placement_community_id_ended_at" to table: "placements"
CREATE INDEX "placement_community_id_ended_at" ON "placements" ("community_id", "ended_at");
-- Create index "placement_community_id_started_at" to table: "placements"
CREATE INDEX "placement_community_id_started_at" ON "placements" ("community_id", "started_at");
