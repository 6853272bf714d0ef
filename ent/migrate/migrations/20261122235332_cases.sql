-- Create "case_files" table
CREATE TABLE "case_files" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "status" character varying NOT NULL DEFAULT 'REPORTED', "opened_at" timestamptz NOT NULL, "closed_at" timestamptz NULL, "rule_set_version" character varying NOT NULL, "safety_assessment_due" timestamptz NULL, "community_id" character(28) NOT NULL, "family_id" character(28) NULL, "manager_id" character(28) NULL, PRIMARY KEY ("id"), CONSTRAINT "case_files_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "case_files_families_family" FOREIGN KEY ("family_id") REFERENCES "families" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "case_files_users_manager" FOREIGN KEY ("manager_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "casefile_community_id" to table: "case_files"
CREATE INDEX "casefile_community_id" ON "case_files" ("community_id");
-- Create index "casefile_community_id_safety_assessment_due" to table: "case_files"
CREATE INDEX "casefile_community_id_safety_assessment_due" ON "case_files" ("community_id", "safety_assessment_due");
-- Create index "casefile_community_id_status" to table: "case_files"
CREATE INDEX "casefile_community_id_status" ON "case_files" ("community_id", "status");
-- Create "case_events" table
CREATE TABLE "case_events" ("id" character(28) NOT NULL, "at" timestamptz NOT NULL, "actor_id" character varying NULL, "kind" character varying NOT NULL, "from_status" character varying NULL, "to_status" character varying NULL, "note" character varying NULL, "community_id" character(28) NOT NULL, "case_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "case_events_case_files_events" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "case_events_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "caseevent_case_id_at" to table: "case_events"
CREATE INDEX "caseevent_case_id_at" ON "case_events" ("case_id", "at");
-- Create index "caseevent_community_id" to table: "case_events"
CREATE INDEX "caseevent_community_id" ON "case_events" ("community_id");
-- Create "case_file_children" table
CREATE TABLE "case_file_children" ("case_file_id" character(28) NOT NULL, "person_id" character(28) NOT NULL, PRIMARY KEY ("case_file_id", "person_id"), CONSTRAINT "case_file_children_case_file_id" FOREIGN KEY ("case_file_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "case_file_children_person_id" FOREIGN KEY ("person_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Modify "reports" table
ALTER TABLE "reports" ADD COLUMN "categories" jsonb NULL, ADD COLUMN "report_case" character(28) NULL, ADD CONSTRAINT "reports_case_files_case" FOREIGN KEY ("report_case") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
