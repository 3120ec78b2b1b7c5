import { env } from "@/env";
import { sharedLimiter } from "@/lib/rate-limit/limiter";

/** Diagnoses per workspace per minute (DIAGNOSIS_RATE_LIMIT_PER_MINUTE, default 30) → 429 beyond it. */
export function consumeDiagnosisQuota(workspaceId: string): void {
  sharedLimiter("diagnosis", env().DIAGNOSIS_RATE_LIMIT_PER_MINUTE, 60_000).consume(
    workspaceId,
    1,
    "Too many diagnoses in this workspace: the limit is per minute. Try again shortly.",
  );
}
