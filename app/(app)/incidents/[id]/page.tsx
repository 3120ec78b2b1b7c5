import type { Metadata } from "next";
import { getDb } from "@/db";
import { IncidentScreen } from "@/components/incidents/incident-screen";
import { pageCaller } from "@/lib/api/caller";
import { findIncident } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { incidentKey } from "@/lib/incidents/shared";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  if (!incidentIdSchema.safeParse(id).success) return { title: "Incident not found" };
  try {
    const db = await getDb();
    const { actor } = await pageCaller({ returnTo: `/incidents/${id}` });
    const row = await findIncident(db, { workspaceId: actor.workspaceId, id });
    return { title: row ? `${incidentKey(row.number)} ${row.title}` : "Incident not found" };
  } catch {
    return { title: "Incident" };
  }
}

export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  const caller = await pageCaller({ returnTo: `/incidents/${encodeURIComponent(id)}` });
  return (
    <div className="mx-auto w-full max-w-7xl">
      <IncidentScreen caller={caller} basePath="" incidentId={id} />
    </div>
  );
}
