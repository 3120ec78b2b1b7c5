import { IncidentDialog } from "@/components/incidents/incident-dialog";
import { IncidentScreen } from "@/components/incidents/incident-screen";
import { pageCaller } from "@/lib/api/caller";

type Props = { params: Promise<{ id: string }> };

/** /incidents/[id] opened from the board: the same screen in a dialog over the board. */
export default async function IncidentModalPage({ params }: Props) {
  const { id } = await params;
  const caller = await pageCaller({ returnTo: `/incidents/${encodeURIComponent(id)}` });
  return (
    <IncidentDialog title="Incident">
      <IncidentScreen caller={caller} basePath="" incidentId={id} variant="dialog" />
    </IncidentDialog>
  );
}
