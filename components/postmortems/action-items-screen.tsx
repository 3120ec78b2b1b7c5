import { getDb } from "@/db";
import type { Caller } from "@/lib/api/caller";
import { can } from "@/lib/auth";
import { listActionItems } from "@/lib/postmortems";
import { ActionItemsTable } from "./action-items-table";

/** Every post-mortem action item of the workspace, open ones first. */
export async function ActionItemsScreen({ caller: { actor, workspace }, basePath }: { caller: Caller; basePath: string }) {
  const items = await listActionItems(await getDb(), actor.workspaceId);
  return (
    <div className="mx-auto w-full max-w-5xl space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Action items</h1>
        <p className="text-muted-foreground text-sm">Follow-up work from every post-mortem of the workspace. Owners and due dates are set in each report.</p>
      </div>
      <ActionItemsTable workspaceSlug={workspace.slug} basePath={basePath} initial={items} canWrite={can(actor, "postmortem:write")} />
    </div>
  );
}
