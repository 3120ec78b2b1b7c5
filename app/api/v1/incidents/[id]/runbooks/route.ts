import { keysToSnake } from "@/lib/api/case";
import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";
import { getIncidentRunbooks } from "@/lib/runbooks";

export const dynamic = "force-dynamic";

/** The runbooks of an incident: attached ones with their ticks, ranked suggestions, runbook_url links of its alerts. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => {
  const view = await getIncidentRunbooks(db, actor.workspaceId, parseInput(incidentIdSchema, params.id));
  return json({
    attached: view.attached.map(({ runbook, ...a }) => ({ ...keysToSnake(a), runbook: keysToSnake(runbook) })),
    suggestions: view.suggestions.map((s) => ({ runbook: keysToSnake(s.runbook), score: s.score, reasons: s.reasons })),
    links: view.links,
  });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
