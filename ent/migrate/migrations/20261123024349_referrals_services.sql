-- Modify "persons" table
ALTER TABLE "persons" ADD COLUMN "registered_by_organization_id" character varying NULL;
-- Create "service_provisions" table
CREATE TABLE "service_provisions" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "status" character varying NOT NULL DEFAULT 'ACTIVE', "started_at" timestamptz NOT NULL, "ended_at" timestamptz NULL, "end_note" character varying NULL, "recorded_by_id" character varying NULL, "case_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, "provider_id" character(28) NOT NULL, "service_type_id" character(28) NOT NULL, "person_id" character(28) NULL, PRIMARY KEY ("id"), CONSTRAINT "service_provisions_case_files_services" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "service_provisions_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "service_provisions_organizations_provider" FOREIGN KEY ("provider_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "service_provisions_persons_person" FOREIGN KEY ("person_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "service_provisions_service_types_service_type" FOREIGN KEY ("service_type_id") REFERENCES "service_types" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "serviceprovision_case_id" to table: "service_provisions"
CREATE INDEX "serviceprovision_case_id" ON "service_provisions" ("case_id");
-- Create index "serviceprovision_community_id" to table: "service_provisions"
CREATE INDEX "serviceprovision_community_id" ON "service_provisions" ("community_id");
-- Create index "serviceprovision_community_id_service_type_id_started_at" to table: "service_provisions"
CREATE INDEX "serviceprovision_community_id_service_type_id_started_at" ON "service_provisions" ("community_id", "service_type_id", "started_at");
-- Create "activities" table
CREATE TABLE "activities" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "at" timestamptz NOT NULL, "duration_minutes" bigint NOT NULL, "participants" jsonb NULL, "notes" character varying NULL, "recorded_by_id" character varying NULL, "community_id" character(28) NOT NULL, "service_id" character(28) NULL, "case_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "activities_case_files_activities" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "activities_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "activities_service_provisions_service" FOREIGN KEY ("service_id") REFERENCES "service_provisions" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "activity_case_id_at" to table: "activities"
CREATE INDEX "activity_case_id_at" ON "activities" ("case_id", "at");
-- Create index "activity_community_id" to table: "activities"
CREATE INDEX "activity_community_id" ON "activities" ("community_id");
-- Create "case_accesses" table
CREATE TABLE "case_accesses" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "user_id" character varying NULL, "reason" character varying NOT NULL, "source_id" character varying NULL, "revoked_at" timestamptz NULL, "community_id" character(28) NOT NULL, "organization_id" character(28) NULL, "case_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "case_accesses_case_files_accesses" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "case_accesses_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "case_accesses_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "caseaccess_case_id" to table: "case_accesses"
CREATE INDEX "caseaccess_case_id" ON "case_accesses" ("case_id");
-- Create index "caseaccess_community_id" to table: "case_accesses"
CREATE INDEX "caseaccess_community_id" ON "case_accesses" ("community_id");
-- Create index "caseaccess_organization_id" to table: "case_accesses"
CREATE INDEX "caseaccess_organization_id" ON "case_accesses" ("organization_id");
-- Create index "caseaccess_user_id" to table: "case_accesses"
CREATE INDEX "caseaccess_user_id" ON "case_accesses" ("user_id");
-- Modify "families" table
ALTER TABLE "families" ADD COLUMN "registered_by_organization_id" character varying NULL;
-- Create "consents" table
CREATE TABLE "consents" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "given_by" character varying NOT NULL, "given_at" timestamptz NOT NULL, "document" character varying NOT NULL, "withdrawn_at" timestamptz NULL, "recorded_by_id" character varying NULL, "community_id" character(28) NOT NULL, "family_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "consents_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "consents_families_consents" FOREIGN KEY ("family_id") REFERENCES "families" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "consent_community_id" to table: "consents"
CREATE INDEX "consent_community_id" ON "consents" ("community_id");
-- Create index "consent_family_id" to table: "consents"
CREATE INDEX "consent_family_id" ON "consents" ("family_id");
-- Create "referrals" table
CREATE TABLE "referrals" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "reason" character varying NOT NULL, "urgent" boolean NOT NULL DEFAULT false, "status" character varying NOT NULL DEFAULT 'SENT', "sent_at" timestamptz NOT NULL, "sent_by_id" character varying NULL, "override_reason" character varying NULL, "answered_at" timestamptz NULL, "answered_by_id" character varying NULL, "decline_reason" character varying NULL, "case_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, "from_organization_id" character(28) NOT NULL, "to_organization_id" character(28) NOT NULL, "consent_id" character(28) NULL, PRIMARY KEY ("id"), CONSTRAINT "referrals_case_files_referrals" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "referrals_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "referrals_consents_consent" FOREIGN KEY ("consent_id") REFERENCES "consents" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "referrals_organizations_from_organization" FOREIGN KEY ("from_organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "referrals_organizations_to_organization" FOREIGN KEY ("to_organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "referral_case_id" to table: "referrals"
CREATE INDEX "referral_case_id" ON "referrals" ("case_id");
-- Create index "referral_community_id" to table: "referrals"
CREATE INDEX "referral_community_id" ON "referrals" ("community_id");
-- Create index "referral_to_organization_id_status" to table: "referrals"
CREATE INDEX "referral_to_organization_id_status" ON "referrals" ("to_organization_id", "status");
-- Create "team_members" table
CREATE TABLE "team_members" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "role" character varying NOT NULL, "removed_at" timestamptz NULL, "case_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, "organization_id" character(28) NOT NULL, "user_id" character(28) NULL, PRIMARY KEY ("id"), CONSTRAINT "team_members_case_files_team" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "team_members_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "team_members_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "team_members_users_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "teammember_case_id" to table: "team_members"
CREATE INDEX "teammember_case_id" ON "team_members" ("case_id");
-- Create index "teammember_community_id" to table: "team_members"
CREATE INDEX "teammember_community_id" ON "team_members" ("community_id");
