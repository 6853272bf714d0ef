-- Create "policy_rules" table
CREATE TABLE "policy_rules" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "role" character varying NOT NULL, "domain" character varying NOT NULL, "object" character varying NOT NULL, "action" character varying NOT NULL, "effect" character varying NOT NULL, "default" boolean NOT NULL DEFAULT false, PRIMARY KEY ("id"));
-- Create index "policyrule_domain_role_object_action" to table: "policy_rules"
CREATE UNIQUE INDEX "policyrule_domain_role_object_action" ON "policy_rules" ("domain", "role", "object", "action");
-- Create "audit_events" table
CREATE TABLE "audit_events" ("id" character(28) NOT NULL, "occurred_at" timestamptz NOT NULL, "community_id" character varying NULL, "actor_user_id" character varying NULL, "actor_api_client_id" character varying NULL, "action" character varying NOT NULL, "entity_type" character varying NOT NULL, "entity_id" character varying NULL, "fields" jsonb NULL, "request_id" character varying NULL, PRIMARY KEY ("id"));
-- Create index "auditevent_community_id_occurred_at" to table: "audit_events"
CREATE INDEX "auditevent_community_id_occurred_at" ON "audit_events" ("community_id", "occurred_at");
-- Create index "auditevent_entity_id" to table: "audit_events"
CREATE INDEX "auditevent_entity_id" ON "audit_events" ("entity_id");
-- Create "login_attempts" table
CREATE TABLE "login_attempts" ("id" character(28) NOT NULL, "key" character varying NOT NULL, "at" timestamptz NOT NULL, PRIMARY KEY ("id"));
-- Create index "loginattempt_key_at" to table: "login_attempts"
CREATE INDEX "loginattempt_key_at" ON "login_attempts" ("key", "at");
-- Create "regions" table
CREATE TABLE "regions" ("id" character(28) NOT NULL, "katottg_code" character varying NOT NULL, "name" character varying NOT NULL, "kind" character varying NOT NULL, PRIMARY KEY ("id"));
-- Create index "regions_katottg_code_key" to table: "regions"
CREATE UNIQUE INDEX "regions_katottg_code_key" ON "regions" ("katottg_code");
-- Create "districts" table
CREATE TABLE "districts" ("id" character(28) NOT NULL, "katottg_code" character varying NOT NULL, "name" character varying NOT NULL, "region_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "districts_regions_districts" FOREIGN KEY ("region_id") REFERENCES "regions" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "districts_katottg_code_key" to table: "districts"
CREATE UNIQUE INDEX "districts_katottg_code_key" ON "districts" ("katottg_code");
-- Create "communities" table
CREATE TABLE "communities" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "katottg_code" character varying NOT NULL, "name" character varying NOT NULL, "kind" character varying NOT NULL, "require_totp" boolean NOT NULL DEFAULT false, "district_id" character(28) NULL, "region_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "communities_districts_communities" FOREIGN KEY ("district_id") REFERENCES "districts" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "communities_regions_communities" FOREIGN KEY ("region_id") REFERENCES "regions" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "communities_katottg_code_key" to table: "communities"
CREATE UNIQUE INDEX "communities_katottg_code_key" ON "communities" ("katottg_code");
-- Create index "community_region_id" to table: "communities"
CREATE INDEX "community_region_id" ON "communities" ("region_id");
-- Create "api_clients" table
CREATE TABLE "api_clients" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "role" character varying NOT NULL DEFAULT 'API_CLIENT', "token_hash" bytea NOT NULL, "token_prefix" character varying NOT NULL, "expires_at" timestamptz NOT NULL, "revoked_at" timestamptz NULL, "last_used_at" timestamptz NULL, "created_by_id" character varying NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "api_clients_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "api_clients_token_hash_key" to table: "api_clients"
CREATE UNIQUE INDEX "api_clients_token_hash_key" ON "api_clients" ("token_hash");
-- Create index "apiclient_community_id" to table: "api_clients"
CREATE INDEX "apiclient_community_id" ON "api_clients" ("community_id");
-- Create index "apiclient_community_id_name" to table: "api_clients"
CREATE INDEX "apiclient_community_id_name" ON "api_clients" ("community_id", "name");
-- Create "users" table
CREATE TABLE "users" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "email" character varying NOT NULL, "display_name" character varying NOT NULL, "totp_enabled" boolean NOT NULL DEFAULT false, "disabled" boolean NOT NULL DEFAULT false, PRIMARY KEY ("id"));
-- Create index "users_email_key" to table: "users"
CREATE UNIQUE INDEX "users_email_key" ON "users" ("email");
-- Create "credentials" table
CREATE TABLE "credentials" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "password_hash" character varying NOT NULL, "totp_secret" character varying NULL, "totp_confirmed" boolean NOT NULL DEFAULT false, "totp_last_step" bigint NOT NULL DEFAULT 0, "recovery_codes" jsonb NULL, "user_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "credentials_users_credential" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "credentials_user_id_key" to table: "credentials"
CREATE UNIQUE INDEX "credentials_user_id_key" ON "credentials" ("user_id");
-- Create "families" table
CREATE TABLE "families" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "address" character varying NULL, "notes" character varying NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "families_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "family_community_id" to table: "families"
CREATE INDEX "family_community_id" ON "families" ("community_id");
-- Create "organizations" table
CREATE TABLE "organizations" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "kind" character varying NOT NULL, "edrpou" character varying NULL, "provider_register_number" character varying NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "organizations_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "organization_community_id" to table: "organizations"
CREATE INDEX "organization_community_id" ON "organizations" ("community_id");
-- Create "memberships" table
CREATE TABLE "memberships" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "role" character varying NOT NULL, "organization_id" character(28) NULL, "community_id" character(28) NULL, "region_id" character(28) NULL, "user_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "memberships_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "memberships_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "memberships_regions_region" FOREIGN KEY ("region_id") REFERENCES "regions" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "memberships_users_memberships" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "membership_community_id" to table: "memberships"
CREATE INDEX "membership_community_id" ON "memberships" ("community_id");
-- Create index "membership_user_id_role_community_id_region_id" to table: "memberships"
CREATE UNIQUE INDEX "membership_user_id_role_community_id_region_id" ON "memberships" ("user_id", "role", "community_id", "region_id");
-- Create "persons" table
CREATE TABLE "persons" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "last_name" character varying NOT NULL, "first_name" character varying NOT NULL, "patronymic" character varying NULL, "birth_date" date NULL, "sex" character varying NULL, "family_id" character(28) NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "persons_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "persons_families_members" FOREIGN KEY ("family_id") REFERENCES "families" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "person_community_id" to table: "persons"
CREATE INDEX "person_community_id" ON "persons" ("community_id");
-- Create index "person_community_id_last_name_first_name" to table: "persons"
CREATE INDEX "person_community_id_last_name_first_name" ON "persons" ("community_id", "last_name", "first_name");
-- Create "reports" table
CREATE TABLE "reports" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "received_at" timestamptz NOT NULL, "source" character varying NOT NULL, "urgency" character varying NOT NULL DEFAULT 'ROUTINE', "status" character varying NOT NULL DEFAULT 'REGISTERED', "summary" character varying NOT NULL, "reporter_contact" character varying NULL, "family_id" character(28) NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "reports_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "reports_families_reports" FOREIGN KEY ("family_id") REFERENCES "families" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "report_community_id" to table: "reports"
CREATE INDEX "report_community_id" ON "reports" ("community_id");
-- Create index "report_community_id_received_at" to table: "reports"
CREATE INDEX "report_community_id_received_at" ON "reports" ("community_id", "received_at");
-- Create "report_children" table
CREATE TABLE "report_children" ("report_id" character(28) NOT NULL, "person_id" character(28) NOT NULL, PRIMARY KEY ("report_id", "person_id"), CONSTRAINT "report_children_person_id" FOREIGN KEY ("person_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "report_children_report_id" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Create "sessions" table
CREATE TABLE "sessions" ("id" character(28) NOT NULL, "token_hash" bytea NOT NULL, "csrf_token" character varying NOT NULL, "created_at" timestamptz NOT NULL, "last_seen_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL, "revoked_at" timestamptz NULL, "totp_pending_enrollment" boolean NOT NULL DEFAULT false, "remote_addr" character varying NULL, "user_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "sessions_users_sessions" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "session_user_id" to table: "sessions"
CREATE INDEX "session_user_id" ON "sessions" ("user_id");
-- Create index "sessions_token_hash_key" to table: "sessions"
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" ("token_hash");
