import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { consumeDiagnosisQuota } from "./rate-limit";

/**
 * The actor of a REST diagnosis request (API key or session, allowed to run diagnoses), after taking
 * one from the workspace's per-minute quota (429 beyond it). Both diagnosis routes (streaming and
 * one-shot) start here, so neither can skip the quota.
 */
export async function requireDiagnosisActor(db: Database, request: Request): Promise<Actor> {
  const actor = await requireRequestActor(db, request, "diagnosis:run");
  consumeDiagnosisQuota(actor.workspaceId);
  return actor;
}
