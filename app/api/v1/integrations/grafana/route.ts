import { getDb } from "@/db";
import { intakeHandler } from "@/lib/api/intake-handler";
import { methodNotAllowed } from "@/lib/api/http";

export const dynamic = "force-dynamic";

/** Intake: see lib/intake/http.ts for the status codes and docs/intake.md (and /api/v1/openapi.json) for the payload. */
export const POST = intakeHandler("grafana", getDb);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
