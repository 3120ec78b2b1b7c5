CREATE TABLE "generator_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"min_interval_seconds" integer DEFAULT 120 NOT NULL,
	"max_interval_seconds" integer DEFAULT 300 NOT NULL,
	"templates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"auto_diagnose" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"generated_count" integer DEFAULT 0 NOT NULL,
	"seed" integer DEFAULT 1 NOT NULL,
	"batch" jsonb,
	"batch_next_at" timestamp with time zone,
	"last_error" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generator_settings" ADD CONSTRAINT "generator_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generator_settings_due_idx" ON "generator_settings" USING btree ("next_run_at") WHERE "generator_settings"."enabled";