import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { unwrap } from "@/lib/result";
import { serializeIncident } from "@/lib/api/rest";
import { acknowledgeIncident } from "@/lib/oncall";

export const dynamic = "force-dynamic";

/** Acknowledges the incident: stops its escalation and moves it out of triage. Acknowledging twice changes nothing. */
export const POST = callerRoute<{ id: string }>("incident:write", async ({ db, actor, params }) => {
  const r = unwrap(await acknowledgeIncident(db, actor, params.id));
  return json({ incident: serializeIncident(r.incident), escalation_stopped: r.stopped, changed: r.changed });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
