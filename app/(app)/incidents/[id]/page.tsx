import type { Metadata } from "next";
import { getDb } from "@/db";
import { IncidentScreen } from "@/components/incident/incident-screen";
import { currentWorkspaceSlug } from "@/components/incident/current-workspace";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { findIncident } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { incidentKey } from "@/lib/incidents/serialize";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  if (!incidentIdSchema.safeParse(id).success) return { title: "Incident not found" };
  try {
    const db = await getDb();
    const actor = await getCurrentActor(db);
    const row = await findIncident(db, { workspaceId: actor.workspaceId, id });
    return { title: row ? `${incidentKey(row.number)} ${row.title}` : "Incident not found" };
  } catch {
    return { title: "Incident" };
  }
}

export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  const workspaceSlug = await currentWorkspaceSlug(`/incidents/${id}`);
  return (
    <main className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 lg:py-8">
      <IncidentScreen workspaceSlug={workspaceSlug} basePath="" incidentId={id} />
    </main>
  );
}
