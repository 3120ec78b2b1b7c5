CREATE TABLE "drills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"scenario_id" text NOT NULL,
	"scenario_name" text NOT NULL,
	"difficulty" text NOT NULL,
	"expected_root_cause" text NOT NULL,
	"expected_actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"root_service" text NOT NULL,
	"seed" integer NOT NULL,
	"speed" double precision DEFAULT 1 NOT NULL,
	"ai_assistance" boolean DEFAULT true NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"simulation_id" uuid,
	"injections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"incident_id" uuid,
	"accepted_cause" text,
	"accepted_at" timestamp with time zone,
	"accepted_by_name" text,
	"score" jsonb,
	"total_score" integer,
	"debrief" text,
	"rerun_of" uuid,
	"created_by_kind" text NOT NULL,
	"created_by_id" text,
	"created_by_name" text NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_simulation_id_simulations_id_fk" FOREIGN KEY ("simulation_id") REFERENCES "public"."simulations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drills_workspace_created_idx" ON "drills" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "drills_workspace_scenario_seed_idx" ON "drills" USING btree ("workspace_id","scenario_id","seed");