import type { Metadata } from "next";
import { ScenarioBuilderScreen } from "@/components/simulation/scenario-builder-screen";
import { requireDemoVisitor } from "@/lib/auth/current-actor";

export const metadata: Metadata = { title: "Scenario builder" };
export const dynamic = "force-dynamic";

export default async function DemoScenarioBuilderPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { from } = await searchParams;
  await requireDemoVisitor(from ? `/demo/scenarios/builder?from=${encodeURIComponent(from)}` : "/demo/scenarios/builder");
  return <ScenarioBuilderScreen workspaceSlug="demo" basePath="/demo" from={from} />;
}
