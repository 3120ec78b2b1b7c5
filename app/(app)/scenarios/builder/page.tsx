import type { Metadata } from "next";
import { pageCaller } from "@/lib/api/caller";
import { ScenarioBuilderScreen } from "@/components/simulation/scenario-builder-screen";

export const metadata: Metadata = { title: "Scenario builder" };
export const dynamic = "force-dynamic";

export default async function ScenarioBuilderPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { from } = await searchParams;
  const caller = await pageCaller({ returnTo: from ? `/scenarios/builder?from=${encodeURIComponent(from)}` : "/scenarios/builder" });
  return <ScenarioBuilderScreen caller={caller} basePath="" from={from} />;
}
