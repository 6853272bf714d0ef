-- Modify "communities" table
ALTER TABLE "communities" ADD COLUMN "caseload_norm" bigint NULL;
-- Create "staff_positions" table
CREATE TABLE "staff_positions" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "title" character varying NULL, "workload" double precision NOT NULL DEFAULT 1, "holder_name" character varying NULL, "started_on" timestamptz NULL, "ended_on" timestamptz NULL, "qualifications" jsonb NULL, "closed_on" timestamptz NULL, "community_id" character(28) NOT NULL, "organization_id" character(28) NOT NULL, "holder_id" character(28) NULL, PRIMARY KEY ("id"), CONSTRAINT "staff_positions_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "staff_positions_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "staff_positions_users_holder" FOREIGN KEY ("holder_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "staffposition_community_id_holder_id" to table: "staff_positions"
CREATE INDEX "staffposition_community_id_holder_id" ON "staff_positions" ("community_id", "holder_id");
-- Create index "staffposition_community_id_id" to table: "staff_positions"
CREATE INDEX "staffposition_community_id_id" ON "staff_positions" ("community_id", "id");
-- Create index "staffposition_community_id_organization_id" to table: "staff_positions"
CREATE INDEX "staffposition_community_id_organization_id" ON "staff_positions" ("community_id", "organization_id");
-- Create "training_programmes" table
CREATE TABLE "training_programmes" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "title" character varying NOT NULL, "modules" jsonb NOT NULL, "funding_source" character varying NULL, "format" character varying NOT NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "training_programmes_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "trainingprogramme_community_id_id" to table: "training_programmes"
CREATE INDEX "trainingprogramme_community_id_id" ON "training_programmes" ("community_id", "id");
-- Create "training_events" table
CREATE TABLE "training_events" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "starts_on" timestamptz NOT NULL, "ends_on" timestamptz NOT NULL, "organizer_name" character varying NULL, "audience" character varying NULL, "place" character varying NULL, "community_id" character(28) NOT NULL, "programme_id" character(28) NOT NULL, "organizer_id" character(28) NULL, PRIMARY KEY ("id"), CONSTRAINT "training_events_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "training_events_organizations_organizer" FOREIGN KEY ("organizer_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "training_events_training_programmes_programme" FOREIGN KEY ("programme_id") REFERENCES "training_programmes" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "trainingevent_community_id_id" to table: "training_events"
CREATE INDEX "trainingevent_community_id_id" ON "training_events" ("community_id", "id");
-- Create index "trainingevent_community_id_starts_on" to table: "training_events"
CREATE INDEX "trainingevent_community_id_starts_on" ON "training_events" ("community_id", "starts_on");
-- Create "training_enrolments" table
CREATE TABLE "training_enrolments" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "attended_modules" jsonb NULL, "completed_on" timestamptz NULL, "community_id" character(28) NOT NULL, "event_id" character(28) NOT NULL, "position_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "training_enrolments_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "training_enrolments_staff_positions_position" FOREIGN KEY ("position_id") REFERENCES "staff_positions" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "training_enrolments_training_events_event" FOREIGN KEY ("event_id") REFERENCES "training_events" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "trainingenrolment_community_id_id" to table: "training_enrolments"
CREATE INDEX "trainingenrolment_community_id_id" ON "training_enrolments" ("community_id", "id");
-- Create index "trainingenrolment_community_id_position_id" to table: "training_enrolments"
CREATE INDEX "trainingenrolment_community_id_position_id" ON "training_enrolments" ("community_id", "position_id");
-- Create index "trainingenrolment_event_id_position_id" to table: "training_enrolments"
CREATE UNIQUE INDEX "trainingenrolment_event_id_position_id" ON "training_enrolments" ("event_id", "position_id");
-- Create "certificates" table
CREATE TABLE "certificates" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "number" character varying NOT NULL, "issued_on" timestamptz NOT NULL, "issuer" character varying NOT NULL, "kind" character varying NOT NULL, "title" character varying NULL, "hours" double precision NULL, "community_id" character(28) NOT NULL, "position_id" character(28) NOT NULL, "enrolment_id" character(28) NULL, PRIMARY KEY ("id"), CONSTRAINT "certificates_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "certificates_staff_positions_position" FOREIGN KEY ("position_id") REFERENCES "staff_positions" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "certificates_training_enrolments_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "training_enrolments" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "certificate_community_id_id" to table: "certificates"
CREATE INDEX "certificate_community_id_id" ON "certificates" ("community_id", "id");
-- Create index "certificate_community_id_issuer_number" to table: "certificates"
CREATE UNIQUE INDEX "certificate_community_id_issuer_number" ON "certificates" ("community_id", "issuer", "number");
-- Create index "certificate_community_id_position_id" to table: "certificates"
CREATE INDEX "certificate_community_id_position_id" ON "certificates" ("community_id", "position_id");
