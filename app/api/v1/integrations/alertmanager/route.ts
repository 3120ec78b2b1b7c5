import { getDb } from "@/db";
import { intakeHandler } from "@/lib/intake/http";
import { methodNotAllowed } from "@/lib/api/http";

export const dynamic = "force-dynamic";

/** Intake: see lib/intake/http.ts for the status codes and docs/readme/intake.md for the payload. */
export const POST = intakeHandler("alertmanager", getDb);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
