-- Create index "needsassessment_community_id_conducted_at" to table: "needs_assessments"
CREATE INDEX "needsassessment_community_id_conducted_at" ON "needs_assessments" ("community_id", "conducted_at");
-- Create index "safetyassessment_community_id_conducted_at" to table: "safety_assessments"
CREATE INDEX "safetyassessment_community_id_conducted_at" ON "safety_assessments" ("community_id", "conducted_at");
