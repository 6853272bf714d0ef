-- Modify "audit_events" table
ALTER TABLE "audit_events" ADD COLUMN "entity_ids" jsonb NULL;
-- Create index "auditevent_entity_ids" to table: "audit_events"
CREATE INDEX "auditevent_entity_ids" ON "audit_events" USING gin ("entity_ids" jsonb_path_ops);
