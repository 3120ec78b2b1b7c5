import type { Metadata } from "next";
import { DrillScreen } from "@/components/drills/drill-screen";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Drill" };
export const dynamic = "force-dynamic";

export default async function DrillPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DrillScreen caller={await pageCaller({ returnTo: `/drills/${id}` })} basePath="" id={id} />;
}
