import { IncidentDialog } from "@/components/incidents/incident-dialog";
import { IncidentSkeleton } from "@/components/incidents/incident-skeleton";

export default function Loading() {
  return (
    <IncidentDialog title="Loading incident">
      <IncidentSkeleton />
    </IncidentDialog>
  );
}
