-- Create "safety_assessments" table
CREATE TABLE "safety_assessments" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "conducted_at" timestamptz NOT NULL, "participants" jsonb NULL, "police_involved" boolean NOT NULL DEFAULT false, "findings" jsonb NULL, "result" character varying NOT NULL, "urgent_measures" jsonb NULL, "on_time" boolean NOT NULL, "recorded_by_id" character varying NULL, "case_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "safety_assessments_case_files_safety_assessments" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "safety_assessments_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "safetyassessment_case_id" to table: "safety_assessments"
CREATE INDEX "safetyassessment_case_id" ON "safety_assessments" ("case_id");
-- Create index "safetyassessment_community_id" to table: "safety_assessments"
CREATE INDEX "safetyassessment_community_id" ON "safety_assessments" ("community_id");
