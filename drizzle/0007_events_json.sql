DROP INDEX IF EXISTS "events_workspace_received_idx";--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "attributes" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "attributes" SET DATA TYPE json USING "attributes"::json;--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "attributes" SET DEFAULT '{}'::json;--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "raw" SET DATA TYPE json USING "raw"::json;
