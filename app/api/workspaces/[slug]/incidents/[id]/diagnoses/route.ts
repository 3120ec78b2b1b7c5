import { callerRoute, json } from "@/lib/api/http";
import { listIncidentDiagnoses } from "@/lib/diagnosis";

export const dynamic = "force-dynamic";

/** The incident's saved diagnoses, newest first, for the diagnosis panel's history. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) =>
  json(await listIncidentDiagnoses(db, actor, params.id, { limit: 20 }), { headers: { "cache-control": "no-store" } }),
);
