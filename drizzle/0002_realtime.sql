CREATE TABLE "realtime_presence" (
	"connection_id" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"room" text NOT NULL,
	"member_id" text NOT NULL,
	"member_kind" text NOT NULL,
	"name" text NOT NULL,
	"color" text,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "realtime_presence" ADD CONSTRAINT "realtime_presence_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "realtime_presence_room_idx" ON "realtime_presence" USING btree ("workspace_id","room","expires_at");