ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_incident_id_incidents_id_fk";
--> statement-breakpoint
ALTER TABLE "alert_signals" ADD COLUMN "digest" text;