import type { Metadata } from "next";
import { IncidentScreen } from "@/components/incidents/incident-screen";
import { DEMO_SLUG } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Incident" };
export const dynamic = "force-dynamic";

export default async function DemoIncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await pageCaller({ workspaceSlug: DEMO_SLUG, returnTo: `/demo/incidents/${encodeURIComponent(id)}` });
  return (
    <div className="mx-auto w-full max-w-7xl">
      <IncidentScreen caller={caller} basePath="/demo" incidentId={id} />
    </div>
  );
}
