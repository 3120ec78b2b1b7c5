CREATE TABLE "maintenance_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"recurrence" text DEFAULT 'none' NOT NULL,
	"recurrence_until" timestamp with time zone,
	"reason" text NOT NULL,
	"created_by_kind" text NOT NULL,
	"created_by_id" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "silences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"matcher" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"expired_at" timestamp with time zone,
	"created_by_kind" text NOT NULL,
	"created_by_id" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppressed_signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"source" text NOT NULL,
	"signal_key" text NOT NULL,
	"service" text NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"kind" text NOT NULL,
	"silence_id" uuid,
	"maintenance_window_id" uuid,
	"digest" text,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"notifications" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "silences" ADD CONSTRAINT "silences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppressed_signals" ADD CONSTRAINT "suppressed_signals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppressed_signals" ADD CONSTRAINT "suppressed_signals_silence_id_silences_id_fk" FOREIGN KEY ("silence_id") REFERENCES "public"."silences"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppressed_signals" ADD CONSTRAINT "suppressed_signals_maintenance_window_id_maintenance_windows_id_fk" FOREIGN KEY ("maintenance_window_id") REFERENCES "public"."maintenance_windows"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_windows_workspace_ends_idx" ON "maintenance_windows" USING btree ("workspace_id","ends_at");--> statement-breakpoint
CREATE INDEX "silences_workspace_ends_idx" ON "silences" USING btree ("workspace_id","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "suppressed_signals_workspace_key_idx" ON "suppressed_signals" USING btree ("workspace_id","source","signal_key");--> statement-breakpoint
CREATE INDEX "suppressed_signals_workspace_first_idx" ON "suppressed_signals" USING btree ("workspace_id","first_seen_at","id");--> statement-breakpoint
CREATE INDEX "incidents_search_idx" ON "incidents" USING gin (to_tsvector('english'::regconfig, "title" || ' ' || "service" || ' ' || "description"));--> statement-breakpoint
CREATE INDEX "alert_signals_workspace_starts_idx" ON "alert_signals" USING btree ("workspace_id",coalesce("starts_at", '2000-01-01T00:00:00Z'::timestamptz),"id");