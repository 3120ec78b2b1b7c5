import type { Metadata } from "next";
import { getDb } from "@/db";
import { GeneratorSettings } from "@/components/generator/generator-settings";
import { getGeneratorStatus } from "@/lib/generator";
import { can } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Generator" };
export const dynamic = "force-dynamic";

export default async function GeneratorSettingsPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/settings/generator" });
  const status = await getGeneratorStatus(await getDb(), actor);
  return <GeneratorSettings workspaceSlug={workspace.slug} initial={status} canRun={can(actor, "simulation:run")} />;
}
