import { getDb } from "@/db";
import { intakeHandler } from "@/lib/intake/http";

export const dynamic = "force-dynamic";

/** Intake: see lib/intake/http.ts for the status codes and docs/intake.md (and /api/v1/openapi.json) for the payload. */
export const POST = intakeHandler("pagerduty", getDb);
