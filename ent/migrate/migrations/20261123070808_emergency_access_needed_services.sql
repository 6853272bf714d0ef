-- Modify "needs_assessments" table
ALTER TABLE "needs_assessments" ADD COLUMN "needed_service_ids" jsonb NULL;
-- Create "emergency_accesses" table
CREATE TABLE "emergency_accesses" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "user_id" character varying NOT NULL, "reason" text NOT NULL, "expires_at" timestamptz NOT NULL, "ended_at" timestamptz NULL, "community_id" character(28) NOT NULL, "case_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "emergency_accesses_case_files_case" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "emergency_accesses_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "emergencyaccess_case_id" to table: "emergency_accesses"
CREATE INDEX "emergencyaccess_case_id" ON "emergency_accesses" ("case_id");
-- Create index "emergencyaccess_community_id" to table: "emergency_accesses"
CREATE INDEX "emergencyaccess_community_id" ON "emergency_accesses" ("community_id");
-- Create index "emergencyaccess_user_id_expires_at" to table: "emergency_accesses"
CREATE INDEX "emergencyaccess_user_id_expires_at" ON "emergency_accesses" ("user_id", "expires_at");
