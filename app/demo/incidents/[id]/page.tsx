import type { Metadata } from "next";
import { IncidentScreen } from "@/components/incident/incident-screen";
import { requireDemoVisitor } from "@/lib/auth/current-actor";

export const metadata: Metadata = { title: "Incident" };
export const dynamic = "force-dynamic";

export default async function DemoIncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireDemoVisitor(`/demo/incidents/${encodeURIComponent(id)}`);
  return (
    <div className="mx-auto w-full max-w-7xl">
      <IncidentScreen workspaceSlug="demo" basePath="/demo" incidentId={id} />
    </div>
  );
}
