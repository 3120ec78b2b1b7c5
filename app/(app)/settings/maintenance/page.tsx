import type { Metadata } from "next";
import { getDb } from "@/db";
import { MaintenanceWindows } from "@/components/alerts/maintenance-windows";
import { can } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";
import { listMaintenanceWindows } from "@/lib/alerts";
import { getWorkspaceWorld } from "@/lib/simulation";

export const metadata: Metadata = { title: "Maintenance" };
export const dynamic = "force-dynamic";

export default async function MaintenanceSettingsPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/settings/maintenance" });
  const db = await getDb();
  const [windows, world] = await Promise.all([listMaintenanceWindows(db, actor), getWorkspaceWorld(db, actor.workspaceId)]);
  return (
    <MaintenanceWindows
      workspaceSlug={workspace.slug}
      windows={windows}
      canEdit={can(actor, "incident:write")}
      services={world.topology.services.map((s) => s.name)}
    />
  );
}
