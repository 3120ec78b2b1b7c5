"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { HistoryIcon, Loader2Icon, PencilIcon, PlusIcon, RotateCcwIcon } from "lucide-react";
import { toast } from "sonner";
import { Markdown } from "@/components/common/markdown";
import { MarkdownEditor } from "@/components/common/markdown-editor";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createRunbookAction } from "@/lib/actions/runbooks/create-runbook";
import { restoreRunbookAction } from "@/lib/actions/runbooks/restore-runbook";
import { updateRunbookAction } from "@/lib/actions/runbooks/update-runbook";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import { diffLines, type RunbookVersionView, type RunbookView } from "@/lib/runbooks/shared";
import { cn } from "@/lib/utils";

type Mode = "view" | "edit" | "history" | "new";

const NEW_BODY = "## Symptoms\n- \n\n## Investigation steps\n- [ ] \n\n## Common resolutions\n- [ ] \n\n## Escalation\n";

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

export function RunbookLibrary({ workspaceSlug, initial, canEdit }: { workspaceSlug: string; initial: RunbookView[]; canEdit: boolean }) {
  const hydrated = useHydrated();
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.runbooks(workspaceSlug),
    queryFn: ({ signal }) => fetchJson<{ runbooks: RunbookView[] }>(workspaceUrl(workspaceSlug, "runbooks"), { signal }),
    initialData: { runbooks: initial },
    retry: retryUnless4xx,
  });
  const runbooks = data.runbooks;
  const [selectedId, setSelectedId] = React.useState<string | null>(initial[0]?.id ?? null);
  const [mode, setMode] = React.useState<Mode>("view");
  const selected = runbooks.find((r) => r.id === selectedId) ?? null;
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.runbooks(workspaceSlug) });

  return (
    <div className="grid gap-5 md:grid-cols-[18rem_1fr]" data-testid="runbook-library" data-hydrated={hydrated ? "true" : undefined}>
      <aside className="space-y-2">
        {canEdit && (
          <Button size="sm" className="w-full" onClick={() => setMode("new")} disabled={!hydrated} data-testid="runbook-new">
            <PlusIcon /> New runbook
          </Button>
        )}
        <ul className="max-h-[70vh] space-y-1 overflow-auto">
          {runbooks.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                onClick={() => {
                  setSelectedId(r.id);
                  setMode("view");
                }}
                className={cn("hover:bg-accent w-full rounded-md px-2 py-1.5 text-left text-sm", r.id === selectedId && mode !== "new" && "bg-accent font-medium")}
                data-testid="runbook-item"
              >
                {r.title}
                <span className="text-muted-foreground block truncate text-xs">{r.services.length ? r.services.join(", ") : r.categories.join(", ") || "any incident"}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="min-w-0">
        {mode === "new" ? (
          <RunbookForm
            workspaceSlug={workspaceSlug}
            onDone={(r) => {
              void refresh();
              if (r) setSelectedId(r.id);
              setMode("view");
            }}
          />
        ) : selected ? (
          <div className="space-y-4">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div>
                <h2 className="text-lg font-semibold" data-testid="runbook-title">
                  {selected.title}
                </h2>
                <p className="text-muted-foreground text-sm">{selected.summary}</p>
                <div className="mt-1 flex flex-wrap gap-1">
                  {selected.services.map((s) => (
                    <Badge key={s} variant="outline">
                      {s}
                    </Badge>
                  ))}
                  {selected.categories.map((c) => (
                    <Badge key={c} variant="secondary">
                      {c}
                    </Badge>
                  ))}
                </div>
                <p className="text-muted-foreground mt-1 text-xs">
                  Version {selected.version} · {selected.updatedByName}
                </p>
              </div>
              <div className="flex gap-2">
                {canEdit && (
                  <Button size="sm" variant={mode === "edit" ? "secondary" : "outline"} onClick={() => setMode(mode === "edit" ? "view" : "edit")} disabled={!hydrated} data-testid="runbook-edit">
                    <PencilIcon /> Edit
                  </Button>
                )}
                <Button size="sm" variant={mode === "history" ? "secondary" : "outline"} onClick={() => setMode(mode === "history" ? "view" : "history")} disabled={!hydrated} data-testid="runbook-history">
                  <HistoryIcon /> History
                </Button>
              </div>
            </div>
            {mode === "edit" ? (
              <RunbookForm key={`${selected.id}-${selected.version}`} workspaceSlug={workspaceSlug} runbook={selected} onDone={() => (void refresh(), setMode("view"))} />
            ) : mode === "history" ? (
              <RunbookHistory workspaceSlug={workspaceSlug} runbook={selected} canEdit={canEdit} onRestored={() => (void refresh(), setMode("view"))} />
            ) : (
              <Markdown source={selected.body} className="rounded-md border p-4" />
            )}
          </div>
        ) : (
          <p className="text-muted-foreground text-sm">No runbook yet.</p>
        )}
      </section>
    </div>
  );
}

function RunbookForm({ workspaceSlug, runbook, onDone }: { workspaceSlug: string; runbook?: RunbookView; onDone: (r: RunbookView | null) => void }) {
  const [title, setTitle] = React.useState(runbook?.title ?? "");
  const [summary, setSummary] = React.useState(runbook?.summary ?? "");
  const [services, setServices] = React.useState(runbook?.services.join(", ") ?? "");
  const [categories, setCategories] = React.useState(runbook?.categories.join(", ") ?? "");
  const [body, setBody] = React.useState(runbook?.body ?? NEW_BODY);
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, start] = React.useTransition();

  function save(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const input = { title, summary, services: list(services), categories: list(categories), body };
      const r = runbook ? await updateRunbookAction(workspaceSlug, runbook.id, { ...input, version: runbook.version }) : await createRunbookAction(workspaceSlug, input);
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        toast.error(r.error);
        return;
      }
      toast.success(runbook ? `Saved as version ${r.data.version}.` : "Runbook created.");
      onDone(r.data);
    });
  }

  return (
    <form onSubmit={save} className="space-y-3" data-testid="runbook-form">
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1.5">
          <Label htmlFor="runbook-title">Title</Label>
          <Input id="runbook-title" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={!!errors.title || undefined} />
          {errors.title && <p className="text-destructive text-xs">{errors.title[0]}</p>}
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="runbook-summary">Summary</Label>
          <Input id="runbook-summary" value={summary} onChange={(e) => setSummary(e.target.value)} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="runbook-services">Services (comma-separated)</Label>
          <Input id="runbook-services" value={services} onChange={(e) => setServices(e.target.value)} placeholder="checkout, payment" />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="runbook-categories">Diagnosis categories (comma-separated)</Label>
          <Input id="runbook-categories" value={categories} onChange={(e) => setCategories(e.target.value)} placeholder="memory, latency" />
        </div>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="runbook-body">Procedure (markdown; `- [ ]` makes a checklist item)</Label>
        <MarkdownEditor id="runbook-body" label="Procedure" value={body} onChange={setBody} rows={20} />
        {errors.body && <p className="text-destructive text-xs">{errors.body[0]}</p>}
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending} data-testid="runbook-save">
          {pending && <Loader2Icon className="animate-spin" />}
          {runbook ? "Save new version" : "Create runbook"}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function RunbookHistory({ workspaceSlug, runbook, canEdit, onRestored }: { workspaceSlug: string; runbook: RunbookView; canEdit: boolean; onRestored: () => void }) {
  const { data, isLoading } = useQuery({
    queryKey: [...queryKeys.runbook(workspaceSlug, runbook.id), runbook.version],
    queryFn: ({ signal }) => fetchJson<{ runbook: RunbookView; versions: RunbookVersionView[] }>(workspaceUrl(workspaceSlug, "runbooks", runbook.id), { signal }),
    retry: retryUnless4xx,
  });
  const [open, setOpen] = React.useState<number | null>(null);
  const [pending, start] = React.useTransition();
  if (isLoading || !data) return <Loader2Icon className="text-muted-foreground size-4 animate-spin" />;
  const versions = data.versions;

  return (
    <ol className="space-y-2" data-testid="runbook-versions">
      {versions.map((v, i) => {
        const previous = versions[i + 1];
        const diff = previous ? diffLines(previous.body, v.body).filter((d) => d.kind !== "same") : [];
        return (
          <li key={v.version} className="rounded-md border p-3">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">Version {v.version}</span>
              <span className="text-muted-foreground text-xs">
                {v.createdByName} · {new Date(v.createdAt).toLocaleString()}
                {v.restoredFrom ? ` · restored from version ${v.restoredFrom}` : ""}
              </span>
              <span className="ml-auto flex gap-2">
                {previous && (
                  <Button size="sm" variant="ghost" onClick={() => setOpen(open === v.version ? null : v.version)}>
                    {open === v.version ? "Hide changes" : `Changes (${diff.length} lines)`}
                  </Button>
                )}
                {canEdit && v.version !== runbook.version && (
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={pending}
                    data-testid={`runbook-restore-${v.version}`}
                    onClick={() =>
                      start(async () => {
                        const r = await restoreRunbookAction(workspaceSlug, runbook.id, { version: v.version, currentVersion: runbook.version });
                        if (!r.ok) return void toast.error(r.error);
                        toast.success(`Version ${v.version} restored as version ${r.data.version}.`);
                        onRestored();
                      })
                    }
                  >
                    <RotateCcwIcon /> Restore
                  </Button>
                )}
              </span>
            </div>
            {open === v.version && (
              <pre className="bg-muted/40 mt-2 max-h-80 overflow-auto rounded p-2 font-mono text-xs" data-testid="runbook-diff">
                {diff.map((d, j) => (
                  <div key={j} className={d.kind === "added" ? "bg-emerald-500/15 text-emerald-800 dark:text-emerald-300" : "bg-red-500/15 text-red-800 dark:text-red-300"}>
                    {d.kind === "added" ? "+ " : "- "}
                    {d.text}
                  </div>
                ))}
              </pre>
            )}
          </li>
        );
      })}
    </ol>
  );
}
