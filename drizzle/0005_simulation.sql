CREATE TABLE "custom_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"scenario_id" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "simulation_topologies" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"topology" jsonb NOT NULL,
	"health_threshold" double precision DEFAULT 70 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_name" text DEFAULT 'Firedrill' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "simulations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"scenario_id" text NOT NULL,
	"scenario_name" text NOT NULL,
	"kind" text DEFAULT 'scenario' NOT NULL,
	"root_service" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"topology" jsonb NOT NULL,
	"seed" integer NOT NULL,
	"speed" double precision DEFAULT 1 NOT NULL,
	"auto_analyze" boolean DEFAULT false NOT NULL,
	"health_threshold" double precision DEFAULT 70 NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"world_elapsed_ms" double precision DEFAULT 0 NOT NULL,
	"duration_ms" double precision NOT NULL,
	"state" jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_tick_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"created_by_kind" text NOT NULL,
	"created_by_id" text,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custom_scenarios" ADD CONSTRAINT "custom_scenarios_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_topologies" ADD CONSTRAINT "simulation_topologies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulations" ADD CONSTRAINT "simulations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custom_scenarios_workspace_scenario_idx" ON "custom_scenarios" USING btree ("workspace_id","scenario_id");--> statement-breakpoint
CREATE INDEX "simulations_status_idx" ON "simulations" USING btree ("status") WHERE "simulations"."status" = 'running';--> statement-breakpoint
CREATE INDEX "simulations_workspace_started_idx" ON "simulations" USING btree ("workspace_id","started_at");