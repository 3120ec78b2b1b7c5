"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { BookOpenIcon, ExternalLinkIcon, Loader2Icon, PaperclipIcon } from "lucide-react";
import { toast } from "sonner";
import { Markdown } from "@/components/common/markdown";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { attachRunbookAction } from "@/lib/actions/runbooks/attach-runbook";
import { tickChecklistItemAction } from "@/lib/actions/runbooks/tick-checklist-item";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import { checklistItems, type AttachedRunbookView, type IncidentRunbooksView } from "@/lib/runbooks/shared";

type Segment = { kind: "md"; text: string } | { kind: "item"; index: number; text: string };

/** The body cut into markdown runs and checklist items, so each item can be a real checkbox. */
function segments(body: string): Segment[] {
  const items = checklistItems(body);
  const byLine = new Map(items.map((i) => [i.line, i]));
  const out: Segment[] = [];
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.join("").trim()) out.push({ kind: "md", text: buffer.join("\n") });
    buffer = [];
  };
  body.split("\n").forEach((line, i) => {
    const item = byLine.get(i);
    if (item) {
      flush();
      out.push({ kind: "item", index: item.index, text: item.text });
    } else buffer.push(line);
  });
  flush();
  return out;
}

/**
 * Runbooks on an incident page: the ones attached with their checklists (each tick goes on the
 * timeline), suggestions ranked by service then diagnosed category, and runbook links from alerts.
 */
export function IncidentRunbooks({ workspaceSlug, incidentId, canWrite }: { workspaceSlug: string; incidentId: string; canWrite: boolean }) {
  const client = useQueryClient();
  const key = queryKeys.incidentRunbooks(workspaceSlug, incidentId);
  const { data, isLoading } = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<IncidentRunbooksView>(workspaceUrl(workspaceSlug, "incidents", incidentId, "runbooks"), { signal }),
    retry: retryUnless4xx,
  });
  const [pending, start] = React.useTransition();
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: key }), client.invalidateQueries({ queryKey: queryKeys.incidentTimeline(workspaceSlug, incidentId) })]);

  return (
    <section className="space-y-3 rounded-lg border p-4" data-testid="incident-runbooks" aria-labelledby="incident-runbooks-title">
      <div className="flex items-center gap-2">
        <BookOpenIcon className="text-muted-foreground size-4" />
        <h2 id="incident-runbooks-title" className="text-sm font-semibold">
          Runbooks
        </h2>
        {isLoading && <Loader2Icon className="text-muted-foreground size-3.5 animate-spin" />}
      </div>
      {data && (
        <>
          {data.links.length > 0 && (
            <ul className="space-y-1 text-sm" data-testid="runbook-links">
              {data.links.map((l) => (
                <li key={l.url}>
                  <a href={l.url} target="_blank" rel="noreferrer noopener" className="text-primary inline-flex items-center gap-1 underline">
                    <ExternalLinkIcon className="size-3.5" /> {l.url}
                  </a>
                  <span className="text-muted-foreground ml-1 text-xs">from {l.source}</span>
                </li>
              ))}
            </ul>
          )}
          {data.attached.map((a) => (
            <AttachedRunbook key={a.id} workspaceSlug={workspaceSlug} attached={a} canWrite={canWrite} onChanged={refresh} />
          ))}
          {data.suggestions.length > 0 ? (
            <div className="space-y-1.5">
              <p className="text-muted-foreground text-xs">Suggested for this incident</p>
              <ul className="space-y-1.5">
                {data.suggestions.map((s) => (
                  <li key={s.runbook.id} className="flex items-start gap-2 rounded-md border px-3 py-2" data-testid="runbook-suggestion">
                    <div className="min-w-0 flex-1">
                      <p className="text-sm font-medium">{s.runbook.title}</p>
                      <p className="text-muted-foreground text-xs">Matches {s.reasons.join(" and ")}</p>
                    </div>
                    {canWrite && (
                      <Button
                        size="sm"
                        variant="outline"
                        disabled={pending}
                        data-testid="runbook-attach"
                        onClick={() =>
                          start(async () => {
                            const r = await attachRunbookAction(workspaceSlug, incidentId, { runbookId: s.runbook.id });
                            if (!r.ok) return void toast.error(r.error);
                            await refresh();
                          })
                        }
                      >
                        <PaperclipIcon /> Attach
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            data.attached.length === 0 && <p className="text-muted-foreground text-sm">No runbook matches this incident&apos;s service or diagnosis. The runbooks page lists them all.</p>
          )}
        </>
      )}
    </section>
  );
}

function AttachedRunbook({ workspaceSlug, attached, canWrite, onChanged }: { workspaceSlug: string; attached: AttachedRunbookView; canWrite: boolean; onChanged: () => Promise<unknown> }) {
  // The tick in flight shows at once; the server's list takes over when the refetch lands.
  const [override, setOverride] = React.useState<{ index: number; value: boolean } | null>(null);
  const server = new Set(attached.checked);
  const isChecked = (i: number) => (override?.index === i ? override.value : server.has(i));
  const total = checklistItems(attached.body).length;
  const done = override ? server.size + (override.value === server.has(override.index) ? 0 : override.value ? 1 : -1) : server.size;

  async function tick(index: number, value: boolean) {
    setOverride({ index, value });
    const r = await tickChecklistItemAction(workspaceSlug, attached.id, { index, checked: value });
    if (!r.ok) toast.error(r.error);
    else await onChanged();
    setOverride(null);
  }

  return (
    <details open className="rounded-md border" data-testid="attached-runbook">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
        {attached.runbook.title}
        <span className="text-muted-foreground ml-2 text-xs font-normal">
          {done}/{total} done · attached by {attached.attachedByName}
        </span>
      </summary>
      <div className="border-t px-3 py-2">
        {segments(attached.body).map((s, i) =>
          s.kind === "md" ? (
            <Markdown key={i} source={s.text} />
          ) : (
            <label key={i} className="flex items-start gap-2 py-0.5 text-sm">
              <Checkbox
                checked={isChecked(s.index)}
                disabled={!canWrite || override?.index === s.index}
                onCheckedChange={(v) => void tick(s.index, v === true)}
                data-testid={`runbook-check-${s.index}`}
                className="mt-0.5"
              />
              <span className={isChecked(s.index) ? "text-muted-foreground line-through" : undefined}>
                <Markdown source={s.text} className="[&_p]:my-0" />
              </span>
            </label>
          ),
        )}
      </div>
    </details>
  );
}
