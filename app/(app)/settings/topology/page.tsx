import type { Metadata } from "next";
import { getDb } from "@/db";
import { TopologyEditor } from "@/components/simulation/topology-editor";
import { can } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";
import { getWorkspaceWorld } from "@/lib/simulation";

export const metadata: Metadata = { title: "Topology" };
export const dynamic = "force-dynamic";

export default async function TopologySettingsPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/settings/topology" });
  const world = await getWorkspaceWorld(await getDb(), actor.workspaceId);
  return (
    <TopologyEditor
      key={world.version}
      workspaceSlug={workspace.slug}
      services={world.topology.services}
      threshold={world.threshold}
      version={world.version}
      isDefault={world.isDefault}
      canEdit={can(actor, "workspace:admin")}
    />
  );
}
