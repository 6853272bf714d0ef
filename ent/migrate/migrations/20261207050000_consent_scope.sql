-- Consents recorded before scopes keep purpose REFERRAL and no recipient:
-- they cover referrals to any organisation of the community, as they did.
-- Modify "consents" table
ALTER TABLE "consents" ADD COLUMN "recipient_kind" character varying NULL, ADD COLUMN "purpose" character varying NOT NULL DEFAULT 'REFERRAL', ADD COLUMN "valid_from" timestamptz NULL, ADD COLUMN "valid_until" timestamptz NULL, ADD COLUMN "recipient_organization_id" character(28) NULL, ADD CONSTRAINT "consents_organizations_recipient_organization" FOREIGN KEY ("recipient_organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Modify "team_members" table
ALTER TABLE "team_members" ADD COLUMN "override_reason" character varying NULL, ADD COLUMN "consent_id" character(28) NULL, ADD CONSTRAINT "team_members_consents_consent" FOREIGN KEY ("consent_id") REFERENCES "consents" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
