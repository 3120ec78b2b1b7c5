CREATE TABLE "diagnoses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"severity" text NOT NULL,
	"category" text NOT NULL,
	"confidence" real NOT NULL,
	"abstained" boolean DEFAULT false NOT NULL,
	"diagnosis" jsonb NOT NULL,
	"attempts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"time_to_first_token_ms" integer,
	"total_ms" integer NOT NULL,
	"input_tokens" integer,
	"output_tokens" integer,
	"requested_by_kind" text NOT NULL,
	"requested_by_id" text,
	"requested_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "diagnoses_incident_created_idx" ON "diagnoses" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE INDEX "diagnoses_workspace_created_idx" ON "diagnoses" USING btree ("workspace_id","created_at");