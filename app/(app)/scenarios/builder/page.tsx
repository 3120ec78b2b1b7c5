import type { Metadata } from "next";
import { requireCurrentWorkspace } from "@/components/app-shell/current-workspace";
import { ScenarioBuilderScreen } from "@/components/simulation/scenario-builder-screen";

export const metadata: Metadata = { title: "Scenario builder" };
export const dynamic = "force-dynamic";

export default async function ScenarioBuilderPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { workspace } = await requireCurrentWorkspace("/scenarios/builder");
  const { from } = await searchParams;
  return <ScenarioBuilderScreen workspaceSlug={workspace.slug} basePath="" from={from} />;
}
