"use client";

import Link from "next/link";
import { InboxIcon } from "lucide-react";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { useHydrated } from "@/components/hooks/use-hydrated";
import type { Severity } from "@/db/schema";
import type { ApprovalsInbox as Inbox } from "@/lib/agent";
import { DecisionBar, type Decider } from "./decision-bar";
import { PlanCard } from "./plan-card";
import { useApprovals } from "./approvals-query";

/** Every plan awaiting approval in the workspace, oldest first, each with its incident and the decision. */
export function ApprovalsInbox({ workspaceSlug, basePath, decider, initialData }: { workspaceSlug: string; basePath: string; decider: Decider; initialData: Inbox }) {
  const hydrated = useHydrated();
  const { data } = useApprovals(workspaceSlug, initialData);
  const items = data?.items ?? [];
  return (
    <div className="space-y-4" data-testid="approvals-inbox" data-hydrated={hydrated ? "true" : undefined} data-count={items.length}>
      {items.length === 0 ? (
        <div className="text-muted-foreground flex flex-col items-center gap-2 rounded-xl border border-dashed py-16 text-center text-sm" data-testid="approvals-empty">
          <InboxIcon className="size-8" aria-hidden />
          Nothing waits for approval. Plans the agent proposes in manual mode appear here, oldest first.
        </div>
      ) : (
        <ol className="space-y-4">
          {items.map((p) => (
            <li key={p.id} className="bg-card text-card-foreground rounded-xl border shadow-xs" data-testid="approval-item" data-plan-id={p.id}>
              <header className="flex flex-wrap items-center gap-2 border-b px-4 py-3 text-sm">
                {p.incident ? (
                  <>
                    <SeverityBadge severity={p.incident.severity as Severity} />
                    <Link href={`${basePath}/incidents/${p.incident.id}`} className="font-mono text-xs font-medium underline-offset-2 hover:underline">
                      {p.incident.key}
                    </Link>
                    <Link href={`${basePath}/incidents/${p.incident.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">
                      {p.incident.title}
                    </Link>
                  </>
                ) : (
                  <span className="font-medium">Action on {p.targetService} (no incident)</span>
                )}
              </header>
              <div className="p-4">
                <PlanCard plan={p} compact showWhatIf actions={<DecisionBar plan={p} workspaceSlug={workspaceSlug} decider={{ ...decider, worldAvailable: p.worldAvailable }} />} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
