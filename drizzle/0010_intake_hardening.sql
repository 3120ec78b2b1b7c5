ALTER TABLE "incidents" ADD COLUMN "receives_intake" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_signals" ADD COLUMN "notifications" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "body_hash" text;--> statement-breakpoint
ALTER TABLE "intake_windows" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "incidents_workspace_service_open_idx" ON "incidents" USING btree ("workspace_id","service") WHERE status in ('triage', 'investigating', 'fixing') and receives_intake and incident_type = 'real';--> statement-breakpoint
CREATE INDEX "alert_signals_workspace_key_idx" ON "alert_signals" USING btree ("workspace_id","signal_key");