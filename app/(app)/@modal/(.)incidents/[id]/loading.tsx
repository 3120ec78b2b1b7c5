import { IncidentDialog } from "@/components/incident/incident-dialog";
import { IncidentSkeleton } from "@/components/incident/incident-skeleton";

export default function Loading() {
  return (
    <IncidentDialog title="Loading incident">
      <IncidentSkeleton />
    </IncidentDialog>
  );
}
