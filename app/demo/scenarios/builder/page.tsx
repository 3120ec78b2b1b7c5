import type { Metadata } from "next";
import { ScenarioBuilderScreen } from "@/components/simulation/scenario-builder-screen";
import { DEMO_SLUG } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Scenario builder" };
export const dynamic = "force-dynamic";

export default async function DemoScenarioBuilderPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { from } = await searchParams;
  const caller = await pageCaller({ workspaceSlug: DEMO_SLUG, returnTo: from ? `/demo/scenarios/builder?from=${encodeURIComponent(from)}` : "/demo/scenarios/builder" });
  return <ScenarioBuilderScreen caller={caller} basePath="/demo" from={from} />;
}
