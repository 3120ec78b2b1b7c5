ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_workspace_id_scope_key_pk";--> statement-breakpoint
ALTER TABLE "intake_windows" DROP CONSTRAINT "intake_windows_workspace_id_key_pk";--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_key_scope_workspace_id_pk" PRIMARY KEY("key","scope","workspace_id");--> statement-breakpoint
ALTER TABLE "intake_windows" ADD CONSTRAINT "intake_windows_key_workspace_id_pk" PRIMARY KEY("key","workspace_id");