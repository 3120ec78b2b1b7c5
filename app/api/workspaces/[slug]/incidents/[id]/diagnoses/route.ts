import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { listIncidentDiagnoses } from "@/lib/diagnosis";

export const dynamic = "force-dynamic";

/** The incident's saved diagnoses, newest first, for the diagnosis panel's history. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) =>
  json(await listIncidentDiagnoses(db, actor, params.id, { limit: 20 }), { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
