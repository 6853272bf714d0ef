-- Create "approvals" table
CREATE TABLE "approvals" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "subject_kind" character varying NOT NULL, "subject_id" character varying NOT NULL, "status" character varying NOT NULL DEFAULT 'PENDING', "requested_by_id" character varying NULL, "requested_at" timestamptz NOT NULL, "decided_by_id" character varying NULL, "decided_at" timestamptz NULL, "comment" character varying NULL, "note" character varying NULL, "community_id" character(28) NOT NULL, "case_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "approvals_case_files_approvals" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "approvals_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "approval_case_id" to table: "approvals"
CREATE INDEX "approval_case_id" ON "approvals" ("case_id");
-- Create index "approval_community_id" to table: "approvals"
CREATE INDEX "approval_community_id" ON "approvals" ("community_id");
-- Create index "approval_community_id_status" to table: "approvals"
CREATE INDEX "approval_community_id_status" ON "approvals" ("community_id", "status");
-- Create index "approval_subject_id" to table: "approvals"
CREATE INDEX "approval_subject_id" ON "approvals" ("subject_id");
-- Create "calendar_years" table
CREATE TABLE "calendar_years" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "year" bigint NOT NULL, "config" jsonb NOT NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "calendar_years_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "calendaryear_community_id" to table: "calendar_years"
CREATE INDEX "calendaryear_community_id" ON "calendar_years" ("community_id");
-- Create index "calendaryear_community_id_year" to table: "calendar_years"
CREATE UNIQUE INDEX "calendaryear_community_id_year" ON "calendar_years" ("community_id", "year");
-- Create "commission_sessions" table
CREATE TABLE "commission_sessions" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "held_at" timestamptz NOT NULL, "protocol_number" character varying NULL, "agenda" jsonb NOT NULL, "attendees" jsonb NULL, "notes" character varying NULL, "recorded_by_id" character varying NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "commission_sessions_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "commissionsession_community_id" to table: "commission_sessions"
CREATE INDEX "commissionsession_community_id" ON "commission_sessions" ("community_id");
-- Create index "commissionsession_community_id_held_at" to table: "commission_sessions"
CREATE INDEX "commissionsession_community_id_held_at" ON "commission_sessions" ("community_id", "held_at");
-- Modify "decisions" table
ALTER TABLE "decisions" ADD COLUMN "session_id" character(28) NULL, ADD CONSTRAINT "decisions_commission_sessions_session" FOREIGN KEY ("session_id") REFERENCES "commission_sessions" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Create "documents" table
CREATE TABLE "documents" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "subject_id" character varying NULL, "kind" character varying NOT NULL, "title" character varying NOT NULL, "file_name" character varying NOT NULL, "content_type" character varying NOT NULL, "size" bigint NOT NULL, "sha256" character varying NOT NULL, "uploaded_by_id" character varying NULL, "case_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "documents_case_files_documents" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "documents_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "document_case_id" to table: "documents"
CREATE INDEX "document_case_id" ON "documents" ("case_id");
-- Create index "document_community_id" to table: "documents"
CREATE INDEX "document_community_id" ON "documents" ("community_id");
-- Create index "document_subject_id" to table: "documents"
CREATE INDEX "document_subject_id" ON "documents" ("subject_id");
-- Create "document_contents" table
CREATE TABLE "document_contents" ("id" character(28) NOT NULL, "data" bytea NOT NULL, "document_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "document_contents_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "document_contents_documents_content" FOREIGN KEY ("document_id") REFERENCES "documents" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "document_contents_document_id_key" to table: "document_contents"
CREATE UNIQUE INDEX "document_contents_document_id_key" ON "document_contents" ("document_id");
-- Create index "documentcontent_community_id" to table: "document_contents"
CREATE INDEX "documentcontent_community_id" ON "document_contents" ("community_id");
-- Create "notifications" table
CREATE TABLE "notifications" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "user_id" character varying NOT NULL, "kind" character varying NOT NULL, "case_id" character varying NULL, "subject_id" character varying NULL, "detail" character varying NULL, "dedupe_key" character varying NULL, "read_at" timestamptz NULL, "emailed_at" timestamptz NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "notifications_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "notification_community_id" to table: "notifications"
CREATE INDEX "notification_community_id" ON "notifications" ("community_id");
-- Create index "notification_user_id_dedupe_key" to table: "notifications"
CREATE UNIQUE INDEX "notification_user_id_dedupe_key" ON "notifications" ("user_id", "dedupe_key");
-- Create index "notification_user_id_read_at" to table: "notifications"
CREATE INDEX "notification_user_id_read_at" ON "notifications" ("user_id", "read_at");
