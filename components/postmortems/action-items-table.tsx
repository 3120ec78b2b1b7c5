"use client";

import * as React from "react";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Checkbox } from "@/components/ui/checkbox";
import { updateActionItemAction } from "@/lib/actions/postmortems/update-action-item";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { postmortemStatusLabels, type WorkspaceActionItemView } from "@/lib/postmortems/shared";
import { queryKeys } from "@/lib/query-keys";

export function ActionItemsTable({ workspaceSlug, basePath, initial, canWrite }: { workspaceSlug: string; basePath: string; initial: WorkspaceActionItemView[]; canWrite: boolean }) {
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.actionItems(workspaceSlug),
    queryFn: ({ signal }) => fetchJson<{ items: WorkspaceActionItemView[] }>(workspaceUrl(workspaceSlug, "action-items"), { signal }),
    initialData: { items: initial },
    retry: retryUnless4xx,
  });
  const [pending, start] = React.useTransition();
  const items = data.items;
  if (items.length === 0) return <p className="text-muted-foreground text-sm">No action items yet. They are added in a post-mortem, under Action Items.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className="w-full text-sm" data-testid="action-items-table">
        <thead>
          <tr className="text-muted-foreground border-b text-left text-xs">
            <th className="w-10 px-3 py-2 font-medium">
              <span className="sr-only">Done</span>
            </th>
            <th className="px-3 py-2 font-medium">Action item</th>
            <th className="px-3 py-2 font-medium">Owner</th>
            <th className="px-3 py-2 font-medium">Due</th>
            <th className="px-3 py-2 font-medium">Incident</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} className="border-b last:border-0">
              <td className="px-3 py-2">
                <Checkbox
                  checked={a.status === "done"}
                  disabled={!canWrite || pending}
                  aria-label={`Done: ${a.title}`}
                  onCheckedChange={(v) =>
                    start(async () => {
                      const r = await updateActionItemAction(workspaceSlug, a.id, { status: v === true ? "done" : "open" });
                      if (!r.ok) toast.error(r.error);
                      await client.invalidateQueries({ queryKey: queryKeys.actionItems(workspaceSlug) });
                    })
                  }
                />
              </td>
              <td className={a.status === "done" ? "text-muted-foreground px-3 py-2 line-through" : "px-3 py-2"}>{a.title}</td>
              <td className="px-3 py-2">{a.ownerName ?? <span className="text-muted-foreground">None</span>}</td>
              <td className="px-3 py-2 tabular-nums">{a.dueDate ?? ""}</td>
              <td className="px-3 py-2">
                <Link className="underline" href={`${basePath}/incidents/${a.incidentId}/postmortem`}>
                  {a.incidentKey}
                </Link>{" "}
                <span className="text-muted-foreground text-xs">
                  {a.incidentTitle} · {postmortemStatusLabels[a.postmortemStatus].toLowerCase()}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
