import { getDb } from "@/db";
import type { Caller } from "@/lib/api/caller";
import { can } from "@/lib/auth";
import { approvalsInbox } from "@/lib/agent";
import { ApprovalsInbox } from "./approvals-inbox";

/** The approvals page for one workspace (the team app's /approvals and the demo's /demo/approvals). */
export async function ApprovalsScreen({ caller: { actor, workspace }, basePath }: { caller: Caller; basePath: string }) {
  const inbox = await approvalsInbox(await getDb(), actor);
  return (
    <div className="mx-auto w-full max-w-4xl space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Approvals</h1>
        <p className="text-muted-foreground text-sm">
          Plans of the SRE agent waiting for a person, oldest first. Approving executes a plan at once; plans expire if nobody decides.
          {!can(actor, "agent:approve") && " Your role can read them but not decide."}
        </p>
      </div>
      <ApprovalsInbox workspaceSlug={workspace.slug} basePath={basePath} decider={{ canApprove: can(actor, "agent:approve"), isAdmin: actor.role === "admin" }} initialData={inbox} />
    </div>
  );
}
