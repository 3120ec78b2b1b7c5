import { notFound } from "next/navigation";
import { MaintenanceNote } from "@/components/alerts/maintenance-note";
import { SimilarIncidents } from "@/components/alerts/similar-incidents";
import { getDb } from "@/db";
import type { Caller } from "@/lib/api/caller";
import { can } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { loadIncidentPayload, loadTimelinePayload } from "@/lib/incidents";
import { getIncidentFacets } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { PresenceBar } from "@/components/realtime/presence-bar";
import { DiagnosisPanel } from "@/components/diagnosis/diagnosis-panel";
import { DiagnosisSummary } from "@/components/diagnosis/diagnosis-summary";
import { AgentPanel } from "@/components/agent/agent-panel";
import { IncidentEvents } from "@/components/intake/incident-events";
import { IncidentMetrics } from "@/components/simulation/incident-metrics";
import { IncidentBody, type IncidentSlots } from "./incident-body";

/**
 * The whole incident screen for one workspace, used by the team page (/incidents/[id]), the board's
 * dialog and the demo (/demo/incidents/[id]). Unknown ids render the nearest not-found page.
 */
export async function IncidentScreen({
  caller: { actor, workspace },
  basePath,
  incidentId,
  variant = "page",
}: {
  caller: Caller;
  basePath: string;
  incidentId: string;
  variant?: "page" | "dialog";
}) {
  if (!incidentIdSchema.safeParse(incidentId).success) notFound();
  const db = await getDb();
  const workspaceSlug = workspace.slug;
  let data;
  try {
    data = await Promise.all([
      loadIncidentPayload(db, actor, incidentId),
      loadTimelinePayload(db, actor, incidentId),
      getIncidentFacets(db, actor.workspaceId),
    ]);
  } catch (e) {
    if (isAppError(e) && e.type === "not_found") notFound();
    throw e;
  }
  const [incident, timeline, facets] = data;
  const guestMayDelete = actor.kind !== "guest" || (incident.incident.createdByKind === "guest" && incident.incident.createdById === actor.id);

  // Other features' panels, each self-contained (IncidentMetrics renders nothing outside simulations).
  const id = incident.incident.id;
  const slots: IncidentSlots = {
    presence: <PresenceBar workspaceSlug={workspaceSlug} room={`incident:${id}`} />,
    simulation: <IncidentMetrics workspaceSlug={workspaceSlug} incidentId={id} />,
    events: <><MaintenanceNote workspaceSlug={workspaceSlug} incidentId={id} /><IncidentEvents workspaceSlug={workspaceSlug} incidentId={id} /><SimilarIncidents workspaceSlug={workspaceSlug} incidentId={id} basePath={basePath} /></>,
    diagnosisSummary: <DiagnosisSummary workspaceSlug={workspaceSlug} incidentId={id} />,
    diagnosis: <DiagnosisPanel workspaceSlug={workspaceSlug} incidentId={id} canRun={can(actor, "diagnosis:run")} />,
    agent: (
      <AgentPanel
        workspaceSlug={workspaceSlug}
        incidentId={id}
        service={incident.incident.service}
        canPlan={can(actor, "incident:write")}
        decider={{ canApprove: can(actor, "agent:approve"), isAdmin: actor.role === "admin" }}
      />
    ),
  };

  return (
    <IncidentBody
      context={{
        workspaceSlug,
        incidentId: incident.incident.id,
        basePath,
        boardHref: basePath || "/board",
        viewer: { kind: actor.kind, id: actor.id, name: actor.name, role: actor.role },
        canWrite: can(actor, "incident:write"),
        canDelete: can(actor, "incident:delete") && guestMayDelete,
        canConfigure: actor.kind === "user" && can(actor, "workspace:admin"),
        inDialog: variant === "dialog",
      }}
      initialIncident={incident}
      initialTimeline={timeline}
      teams={facets.teams}
      services={facets.services}
      serverNow={new Date().toISOString()}
      slots={slots}
    />
  );
}
