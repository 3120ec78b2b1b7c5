import { IncidentSkeleton } from "@/components/incident/incident-skeleton";

export default function Loading() {
  return (
    <main className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 lg:py-8">
      <IncidentSkeleton />
    </main>
  );
}
