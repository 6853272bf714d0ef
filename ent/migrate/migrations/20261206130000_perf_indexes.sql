-- Create index "activity_community_id_service_id" to table: "activities"
CREATE INDEX "activity_community_id_service_id" ON "activities" ("community_id", "service_id");
-- Create index "casefile_community_id_family_id" to table: "case_files"
CREATE INDEX "casefile_community_id_family_id" ON "case_files" ("community_id", "family_id");
-- Create index "casefile_community_id_manager_id" to table: "case_files"
CREATE INDEX "casefile_community_id_manager_id" ON "case_files" ("community_id", "manager_id");
-- Create index "decision_community_id_session_id" to table: "decisions"
CREATE INDEX "decision_community_id_session_id" ON "decisions" ("community_id", "session_id");
-- Create index "notification_not_emailed" to table: "notifications"
CREATE INDEX "notification_not_emailed" ON "notifications" ("created_at") WHERE (emailed_at IS NULL);
-- Create index "person_community_id_family_id" to table: "persons"
CREATE INDEX "person_community_id_family_id" ON "persons" ("community_id", "family_id");
-- Create index "planreview_community_id_plan_id" to table: "plan_reviews"
CREATE INDEX "planreview_community_id_plan_id" ON "plan_reviews" ("community_id", "plan_id");
-- Create index "relationship_community_id_relative_id" to table: "relationships"
CREATE INDEX "relationship_community_id_relative_id" ON "relationships" ("community_id", "relative_id");
-- Create index "report_community_id_family_id" to table: "reports"
CREATE INDEX "report_community_id_family_id" ON "reports" ("community_id", "family_id");
-- Create index "report_community_id_report_case" to table: "reports"
CREATE INDEX "report_community_id_report_case" ON "reports" ("community_id", "report_case");
-- Create index "safetyassessment_urgent_measures" to table: "safety_assessments"
CREATE INDEX "safetyassessment_urgent_measures" ON "safety_assessments" ("community_id", "conducted_at") WHERE (urgent_measures IS NOT NULL);
