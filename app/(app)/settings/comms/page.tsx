import type { Metadata } from "next";
import { getDb } from "@/db";
import { CommsSettingsForm } from "@/components/sla/comms-settings-form";
import { can } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";
import { getCommsTemplates } from "@/lib/sla";

export const metadata: Metadata = { title: "Communication" };
export const dynamic = "force-dynamic";

export default async function CommsSettingsPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/settings/comms" });
  const templates = await getCommsTemplates(await getDb(), actor.workspaceId);
  return (
    <div className="space-y-3">
      <div>
        <h2 className="text-lg font-semibold">Communication templates</h2>
        <p className="text-muted-foreground text-sm">Filled from each incident on its page for one-click copy into chat or the status page.</p>
      </div>
      <CommsSettingsForm workspaceSlug={workspace.slug} templates={templates} canEdit={can(actor, "workspace:admin")} />
    </div>
  );
}
