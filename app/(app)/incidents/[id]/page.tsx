import type { Metadata } from "next";
import { getDb } from "@/db";
import { IncidentScreen } from "@/components/incident/incident-screen";
import { getCurrentWorkspace } from "@/components/app-shell/current-workspace";
import { findIncident } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { incidentKey } from "@/lib/incidents/serialize";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  if (!incidentIdSchema.safeParse(id).success) return { title: "Incident not found" };
  try {
    const db = await getDb();
    const { actor } = await getCurrentWorkspace();
    const row = await findIncident(db, { workspaceId: actor.workspaceId, id });
    return { title: row ? `${incidentKey(row.number)} ${row.title}` : "Incident not found" };
  } catch {
    return { title: "Incident" };
  }
}

export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  // The layout already resolved the caller (sign-in redirect when signed out); cached per request.
  const { workspace } = await getCurrentWorkspace();
  return (
    <div className="mx-auto w-full max-w-7xl">
      <IncidentScreen workspaceSlug={workspace.slug} basePath="" incidentId={id} />
    </div>
  );
}
