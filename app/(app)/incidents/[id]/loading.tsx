import { IncidentSkeleton } from "@/components/incidents/incident-skeleton";

export default function Loading() {
  return (
    <div className="mx-auto w-full max-w-7xl">
      <IncidentSkeleton />
    </div>
  );
}
