import type { Metadata } from "next";
import { getDb } from "@/db";
import { AgentSettingsForm } from "@/components/agent/agent-settings-form";
import { readAgentSettings } from "@/lib/agent";
import { can } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Agent" };
export const dynamic = "force-dynamic";

export default async function AgentSettingsPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/settings/agent" });
  const settings = await readAgentSettings(await getDb(), actor.workspaceId);
  return <AgentSettingsForm workspaceSlug={workspace.slug} settings={settings} canEdit={can(actor, "workspace:admin")} />;
}
