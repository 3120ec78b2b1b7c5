import { IncidentDialog } from "@/components/incident/incident-dialog";
import { IncidentScreen } from "@/components/incident/incident-screen";
import { getCurrentWorkspace } from "@/components/app-shell/current-workspace";

type Props = { params: Promise<{ id: string }> };

/** /incidents/[id] opened from the board: the same screen in a dialog over the board. */
export default async function IncidentModalPage({ params }: Props) {
  const { id } = await params;
  const { workspace } = await getCurrentWorkspace();
  return (
    <IncidentDialog title="Incident">
      <IncidentScreen workspaceSlug={workspace.slug} basePath="" incidentId={id} variant="dialog" />
    </IncidentDialog>
  );
}
