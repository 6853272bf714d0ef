-- Create "service_types" table
CREATE TABLE "service_types" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "code" character varying NULL, "name_uk" character varying NOT NULL, "name_en" character varying NOT NULL, "group" character varying NOT NULL, "active" boolean NOT NULL DEFAULT true, PRIMARY KEY ("id"));
-- Create index "service_types_code_key" to table: "service_types"
CREATE UNIQUE INDEX "service_types_code_key" ON "service_types" ("code");
-- Create index "service_types_name_uk_key" to table: "service_types"
CREATE UNIQUE INDEX "service_types_name_uk_key" ON "service_types" ("name_uk");
