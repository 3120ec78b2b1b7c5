import { getDb } from "@/db";
import type { Caller } from "@/lib/api/caller";
import { can } from "@/lib/auth";
import { listRunbooks } from "@/lib/runbooks";
import { RunbookLibrary } from "./runbook-library";

/** The runbooks page: the workspace's library, an editor with live preview, and each runbook's history. */
export async function RunbooksScreen({ caller: { actor, workspace } }: { caller: Caller }) {
  const runbooks = await listRunbooks(await getDb(), actor.workspaceId);
  return (
    <div className="mx-auto w-full max-w-6xl space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Runbooks</h1>
        <p className="text-muted-foreground text-sm">
          Procedures for responders: symptoms, investigation steps, common resolutions and escalation, with checklists. Incidents suggest the runbooks that fit their service and diagnosis. Every save keeps a version.
          {!can(actor, "runbook:write") && " Your role can read them but not edit."}
        </p>
      </div>
      <RunbookLibrary workspaceSlug={workspace.slug} initial={runbooks} canEdit={can(actor, "runbook:write")} />
    </div>
  );
}
