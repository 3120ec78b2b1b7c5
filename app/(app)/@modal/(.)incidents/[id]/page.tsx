import { IncidentDialog } from "@/components/incident/incident-dialog";
import { IncidentScreen } from "@/components/incident/incident-screen";
import { currentWorkspaceSlug } from "@/components/incident/current-workspace";

type Props = { params: Promise<{ id: string }> };

/** /incidents/[id] opened from the board: the same screen in a dialog over the board. */
export default async function IncidentModalPage({ params }: Props) {
  const { id } = await params;
  const workspaceSlug = await currentWorkspaceSlug(`/incidents/${id}`);
  return (
    <IncidentDialog title="Incident">
      <IncidentScreen workspaceSlug={workspaceSlug} basePath="" incidentId={id} variant="dialog" />
    </IncidentDialog>
  );
}
