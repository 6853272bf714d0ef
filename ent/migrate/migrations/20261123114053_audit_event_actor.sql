-- The log names the user who acted (an edge to users), so the column takes
-- the type of users.id; the read policy that uses it is set aside meanwhile.
DROP POLICY audit_read ON audit_events;
ALTER TABLE "audit_events" ALTER COLUMN "actor_user_id" TYPE character(28), ADD CONSTRAINT "audit_events_users_actor_user" FOREIGN KEY ("actor_user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT;
CREATE POLICY audit_read ON audit_events FOR SELECT
  USING (community_id = ANY ((SELECT turbota_read_communities())::text[])
         OR (community_id IS NULL AND actor_user_id = (SELECT turbota_viewer_user())));
