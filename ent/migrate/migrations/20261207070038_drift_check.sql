-- Create index "casetransfer_community_id_id" to table: "case_transfers"
CREATE INDEX "casetransfer_community_id_id" ON "case_transfers" ("community_id", "id");
