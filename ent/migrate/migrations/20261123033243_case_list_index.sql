-- Create index "casefile_community_id_opened_at" to table: "case_files"
CREATE INDEX "casefile_community_id_opened_at" ON "case_files" ("community_id", "opened_at");
