ALTER TABLE "incidents" ADD COLUMN "resolution_summary" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "resolution_cause" text;