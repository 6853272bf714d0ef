-- Create "voucher_programmes" table
CREATE TABLE "voucher_programmes" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "value_uah" bigint NOT NULL, "vouchers" bigint NOT NULL, "eligibility" character varying NOT NULL, "starts_on" timestamptz NOT NULL, "ends_on" timestamptz NULL, "active" boolean NOT NULL DEFAULT true, "community_id" character(28) NOT NULL, "service_type_id" character(28) NULL, PRIMARY KEY ("id"), CONSTRAINT "voucher_programmes_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "voucher_programmes_service_types_service_type" FOREIGN KEY ("service_type_id") REFERENCES "service_types" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "voucherprogramme_community_id" to table: "voucher_programmes"
CREATE INDEX "voucherprogramme_community_id" ON "voucher_programmes" ("community_id");
-- Create "vouchers" table
CREATE TABLE "vouchers" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "number" character varying NOT NULL, "issued_at" timestamptz NOT NULL, "status" character varying NOT NULL DEFAULT 'ISSUED', "redeemed_at" timestamptz NULL, "cancel_reason" character varying NULL, "issued_by_id" character varying NULL, "community_id" character(28) NOT NULL, "family_id" character(28) NOT NULL, "provider_id" character(28) NULL, "programme_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "vouchers_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "vouchers_families_family" FOREIGN KEY ("family_id") REFERENCES "families" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "vouchers_organizations_provider" FOREIGN KEY ("provider_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "vouchers_voucher_programmes_issued" FOREIGN KEY ("programme_id") REFERENCES "voucher_programmes" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "voucher_community_id" to table: "vouchers"
CREATE INDEX "voucher_community_id" ON "vouchers" ("community_id");
-- Create index "voucher_community_id_issued_at" to table: "vouchers"
CREATE INDEX "voucher_community_id_issued_at" ON "vouchers" ("community_id", "issued_at");
-- Create index "voucher_family_id" to table: "vouchers"
CREATE INDEX "voucher_family_id" ON "vouchers" ("family_id");
-- Create index "voucher_programme_id_number" to table: "vouchers"
CREATE UNIQUE INDEX "voucher_programme_id_number" ON "vouchers" ("programme_id", "number");
