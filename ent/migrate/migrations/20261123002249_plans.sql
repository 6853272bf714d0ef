-- Create "plans" table
CREATE TABLE "plans" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "version" bigint NOT NULL, "goals" jsonb NOT NULL, "next_review_at" timestamptz NOT NULL, "agreed_at" timestamptz NULL, "agreement_document" character varying NULL, "author_id" character varying NULL, "case_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "plans_case_files_plans" FOREIGN KEY ("case_id") REFERENCES "case_files" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "plans_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "plan_case_id_version" to table: "plans"
CREATE UNIQUE INDEX "plan_case_id_version" ON "plans" ("case_id", "version");
-- Create index "plan_community_id" to table: "plans"
CREATE INDEX "plan_community_id" ON "plans" ("community_id");
-- Create "plan_reviews" table
CREATE TABLE "plan_reviews" ("id" character(28) NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "reviewed_at" timestamptz NOT NULL, "outcomes" jsonb NOT NULL, "summary" character varying NULL, "reviewer_id" character varying NULL, "plan_id" character(28) NOT NULL, "community_id" character(28) NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "plan_reviews_communities_community" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "plan_reviews_plans_reviews" FOREIGN KEY ("plan_id") REFERENCES "plans" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "planreview_community_id" to table: "plan_reviews"
CREATE INDEX "planreview_community_id" ON "plan_reviews" ("community_id");
