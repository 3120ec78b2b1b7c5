"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, DownloadIcon, FileTextIcon, Loader2Icon, PencilIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Markdown } from "@/components/common/markdown";
import { MarkdownEditor } from "@/components/common/markdown-editor";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { addActionItemAction } from "@/lib/actions/postmortems/add-action-item";
import { createPostmortemAction } from "@/lib/actions/postmortems/create-postmortem";
import { deleteActionItemAction } from "@/lib/actions/postmortems/delete-action-item";
import { updateActionItemAction } from "@/lib/actions/postmortems/update-action-item";
import { updatePostmortemAction } from "@/lib/actions/postmortems/update-postmortem";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { postmortemStatusLabels, postmortemTransitions, reportTime, type PostmortemSection, type PostmortemStatus, type PostmortemView } from "@/lib/postmortems/shared";
import { queryKeys } from "@/lib/query-keys";

type Member = { id: string; name: string };
type IncidentRef = { id: string; key: string; title: string; status: string };

const AUTOSAVE_MS = 800;

const statusAction: Record<PostmortemStatus, string> = { draft: "Back to draft", in_review: "Submit for review", published: "Publish" };

export function PostmortemEditor({
  workspaceSlug,
  incident,
  initial,
  members,
  canWrite,
}: {
  workspaceSlug: string;
  incident: IncidentRef;
  initial: PostmortemView | null;
  members: Member[];
  canWrite: boolean;
}) {
  const hydrated = useHydrated();
  const client = useQueryClient();
  const key = queryKeys.incidentPostmortem(workspaceSlug, incident.id);
  const { data } = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<{ postmortem: PostmortemView | null }>(workspaceUrl(workspaceSlug, "incidents", incident.id, "postmortem"), { signal }),
    initialData: { postmortem: initial },
    retry: retryUnless4xx,
  });
  const pm = data.postmortem;
  const setPm = React.useCallback((next: PostmortemView) => client.setQueryData(key, { postmortem: next }), [client, key]);
  const [creating, startCreate] = React.useTransition();

  if (!pm) {
    const resolved = incident.status === "resolved" || incident.status === "closed";
    return (
      <div className="space-y-3 rounded-lg border p-6" data-testid="postmortem-empty" data-hydrated={hydrated ? "true" : undefined}>
        <h1 className="text-xl font-semibold">Post-mortem</h1>
        <p className="text-muted-foreground text-sm">
          {resolved
            ? "No report yet. Writing one drafts every section of the report template from what this incident recorded: its history, notes, diagnoses, the agent's steps, the SLA and the topology. You check and accept each drafted section."
            : "A post-mortem is written once the incident is resolved."}
        </p>
        {resolved && canWrite && (
          <Button
            disabled={!hydrated || creating}
            data-testid="postmortem-create"
            onClick={() =>
              startCreate(async () => {
                const r = await createPostmortemAction(workspaceSlug, incident.id);
                if (!r.ok) return void toast.error(r.error);
                setPm(r.data);
              })
            }
          >
            {creating ? <Loader2Icon className="animate-spin" /> : <FileTextIcon />} Write post-mortem
          </Button>
        )}
      </div>
    );
  }
  return <Editor key={pm.id} workspaceSlug={workspaceSlug} pm={pm} setPm={setPm} members={members} canWrite={canWrite} hydrated={hydrated} />;
}

function Editor({
  workspaceSlug,
  pm,
  setPm,
  members,
  canWrite,
  hydrated,
}: {
  workspaceSlug: string;
  pm: PostmortemView;
  setPm: (pm: PostmortemView) => void;
  members: Member[];
  canWrite: boolean;
  hydrated: boolean;
}) {
  // Unsaved section bodies; the server's copy shows for every other section.
  const [drafts, setDrafts] = React.useState<Record<string, string>>({});
  const [editing, setEditing] = React.useState<string | null>(null);
  const [saveState, setSaveState] = React.useState<"idle" | "saving" | "saved" | "conflict">("idle");
  const versionRef = React.useRef(pm.version);
  const timer = React.useRef<ReturnType<typeof setTimeout> | null>(null);
  const draftsRef = React.useRef(drafts);
  const [busy, start] = React.useTransition();
  React.useEffect(() => {
    versionRef.current = pm.version;
  }, [pm.version]);
  React.useEffect(() => {
    draftsRef.current = drafts;
  }, [drafts]);
  const editable = canWrite && hydrated;

  async function save(patch: Record<string, unknown>): Promise<PostmortemView | null> {
    setSaveState("saving");
    const r = await updatePostmortemAction(workspaceSlug, pm.incidentId, { version: versionRef.current, ...patch });
    if (!r.ok) {
      if (r.code.startsWith("conflict")) {
        setSaveState("conflict");
        return null;
      }
      setSaveState("idle");
      toast.error(r.error);
      return null;
    }
    versionRef.current = r.data.version;
    setPm(r.data);
    setSaveState("saved");
    return r.data;
  }

  async function flush() {
    const pending = draftsRef.current;
    const keys = Object.keys(pending);
    if (keys.length === 0) return;
    const saved = await save({ sections: keys.map((k) => ({ key: k, body: pending[k] })) });
    if (saved) {
      setDrafts((d) => {
        const next = { ...d };
        for (const k of keys) if (next[k] === pending[k]) delete next[k];
        return next;
      });
    }
  }

  function change(key: string, body: string) {
    setDrafts((d) => ({ ...d, [key]: body }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  }

  function move(to: PostmortemStatus) {
    start(async () => {
      await flush();
      const saved = await save({ status: to });
      if (saved) toast.success(`Post-mortem ${postmortemStatusLabels[to].toLowerCase()}.`);
    });
  }

  const exportUrl = (format: string) => `${workspaceUrl(workspaceSlug, "incidents", pm.incidentId, "postmortem")}?format=${format}`;
  const drafted = pm.sections.filter((s) => !s.accepted).length;

  return (
    <div className="space-y-5" data-testid="postmortem-editor" data-hydrated={hydrated ? "true" : undefined} data-version={pm.version}>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight">
            Post-mortem · {pm.incidentKey} {pm.title}
          </h1>
          <Badge variant={pm.status === "published" ? "default" : "secondary"} data-testid="postmortem-status">
            {postmortemStatusLabels[pm.status]}
          </Badge>
          <span className="text-muted-foreground text-xs" data-testid="postmortem-save-state" aria-live="polite">
            {saveState === "saving" ? "Saving…" : saveState === "saved" ? `Saved · version ${pm.version}` : saveState === "conflict" ? "" : `Version ${pm.version}`}
          </span>
        </div>
        {saveState === "conflict" && (
          <div className="rounded-md border border-amber-500/40 bg-amber-500/10 p-3 text-sm" role="alert" data-testid="postmortem-conflict">
            Someone else saved this post-mortem since you opened it. Your unsaved text is still in the editor;{" "}
            <button type="button" className="underline" onClick={() => window.location.reload()}>
              reload
            </button>{" "}
            to see their version (copy your text first).
          </div>
        )}
        <div className="flex flex-wrap items-center gap-2">
          {(["md", "pdf", "json"] as const).map((f) => (
            <Button key={f} asChild size="sm" variant="outline">
              <a href={exportUrl(f)} download data-testid={`postmortem-export-${f}`}>
                <DownloadIcon /> {f === "md" ? "Markdown" : f.toUpperCase()}
              </a>
            </Button>
          ))}
          {canWrite && (
            <span className="ml-auto flex gap-2">
              {postmortemTransitions[pm.status].map((to) => (
                <Button
                  key={to}
                  size="sm"
                  variant={to === "draft" ? "ghost" : "default"}
                  disabled={!hydrated || busy || (to === "published" && drafted > 0)}
                  title={to === "published" && drafted > 0 ? "Accept or edit every drafted section first" : undefined}
                  onClick={() => move(to)}
                  data-testid={`postmortem-status-${to}`}
                >
                  {statusAction[to]}
                </Button>
              ))}
            </span>
          )}
        </div>
        {drafted > 0 && (
          <p className="text-muted-foreground text-xs">
            {drafted} section{drafted === 1 ? " is" : "s are"} drafted from the incident&apos;s data: check each, then accept or edit it. Publishing needs every section accepted.
          </p>
        )}
        {pm.reviewers.length > 0 && (
          <p className="text-muted-foreground text-xs" data-testid="postmortem-reviewers">
            {pm.reviewers.map((r) => `${r.action === "published" ? "Published" : "Submitted"} by ${r.name} at ${reportTime(r.at)}`).join(" · ")}
          </p>
        )}
      </header>

      {pm.sections.map((s) => (
        <SectionCard
          key={s.key}
          section={s}
          body={drafts[s.key] ?? s.body}
          editing={editing === s.key}
          editable={editable}
          onEdit={() => setEditing(editing === s.key ? null : s.key)}
          onChange={(v) => change(s.key, v)}
          onAccept={() => start(async () => void (await save({ sections: [{ key: s.key, accepted: true }] })))}
          busy={busy}
        >
          {s.key === "timeline" && <TimelineTable pm={pm} />}
          {s.key === "action_items" && <ActionItems workspaceSlug={workspaceSlug} pm={pm} members={members} editable={editable} />}
        </SectionCard>
      ))}
    </div>
  );
}

function SectionCard({
  section,
  body,
  editing,
  editable,
  onEdit,
  onChange,
  onAccept,
  busy,
  children,
}: {
  section: PostmortemSection;
  body: string;
  editing: boolean;
  editable: boolean;
  onEdit: () => void;
  onChange: (v: string) => void;
  onAccept: () => void;
  busy: boolean;
  children?: React.ReactNode;
}) {
  return (
    <section className="space-y-2 rounded-lg border p-4" data-testid={`postmortem-section-${section.key}`} data-accepted={section.accepted ? "true" : "false"}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold">{section.title}</h2>
        {!section.accepted && (
          <Badge variant="outline" className="border-amber-500/50 text-amber-700 dark:text-amber-300" data-testid="section-draft-badge">
            Draft from {section.origin === "ai" ? "AI" : "incident data"}
          </Badge>
        )}
        {section.accepted && section.origin === "person" && body.trim() && <span className="text-muted-foreground text-xs">Written by a person</span>}
        {editable && (
          <span className="ml-auto flex gap-2">
            {!section.accepted && (
              <Button size="sm" variant="outline" onClick={onAccept} disabled={busy} data-testid={`section-accept-${section.key}`}>
                <CheckIcon /> Accept
              </Button>
            )}
            <Button size="sm" variant={editing ? "secondary" : "ghost"} onClick={onEdit} data-testid={`section-edit-${section.key}`}>
              <PencilIcon /> {editing ? "Done" : "Edit"}
            </Button>
          </span>
        )}
      </div>
      {children}
      {editing ? (
        <MarkdownEditor id={`section-body-${section.key}`} label={section.title} value={body} onChange={onChange} rows={10} />
      ) : body.trim() ? (
        <Markdown source={body} />
      ) : section.key !== "timeline" && section.key !== "action_items" ? (
        <p className="text-muted-foreground text-sm">Nothing written yet.</p>
      ) : null}
    </section>
  );
}

function TimelineTable({ pm }: { pm: PostmortemView }) {
  if (pm.timeline.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="postmortem-timeline">
        <thead>
          <tr className="text-muted-foreground border-b text-left text-xs">
            <th className="py-1 pr-3 font-medium">Time (UTC)</th>
            <th className="py-1 pr-3 font-medium">Event</th>
            <th className="py-1 font-medium">By</th>
          </tr>
        </thead>
        <tbody>
          {pm.timeline.map((r, i) => (
            <tr key={i} className="border-b last:border-0 align-top">
              <td className="py-1 pr-3 font-mono text-xs whitespace-nowrap tabular-nums">{reportTime(r.at)}</td>
              <td className="py-1 pr-3">{r.text}</td>
              <td className="text-muted-foreground py-1 text-xs">{r.actor ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionItems({ workspaceSlug, pm, members, editable }: { workspaceSlug: string; pm: PostmortemView; members: Member[]; editable: boolean }) {
  const client = useQueryClient();
  const [title, setTitle] = React.useState("");
  const [owner, setOwner] = React.useState("");
  const [due, setDue] = React.useState("");
  const [pending, start] = React.useTransition();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.incidentPostmortem(workspaceSlug, pm.incidentId) });

  const run = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const r = await fn();
      if (!r.ok) toast.error(r.error ?? "Could not save the action item.");
      await refresh();
    });

  return (
    <div className="space-y-2" data-testid="postmortem-action-items">
      {pm.actionItems.length > 0 && (
        <ul className="divide-y rounded-md border">
          {pm.actionItems.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm" data-testid="action-item-row">
              <Checkbox
                checked={a.status === "done"}
                disabled={!editable || pending}
                aria-label={`Done: ${a.title}`}
                onCheckedChange={(v) => run(() => updateActionItemAction(workspaceSlug, a.id, { status: v === true ? "done" : "open" }))}
              />
              <span className={a.status === "done" ? "text-muted-foreground line-through" : undefined}>{a.title}</span>
              <span className="text-muted-foreground ml-auto text-xs">
                {a.ownerName ?? "No owner"}
                {a.dueDate ? ` · due ${a.dueDate}` : ""}
              </span>
              {editable && (
                <Button size="icon" variant="ghost" className="size-7" aria-label={`Delete ${a.title}`} disabled={pending} onClick={() => run(() => deleteActionItemAction(workspaceSlug, a.id))}>
                  <Trash2Icon />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim()) return;
            run(async () => {
              const r = await addActionItemAction(workspaceSlug, pm.incidentId, { title, ownerId: owner || null, dueDate: due || null });
              if (r.ok) {
                setTitle("");
                setDue("");
              }
              return r;
            });
          }}
        >
          <Input className="min-w-56 flex-1" placeholder="New action item" aria-label="Action item title" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="action-item-title" />
          <select
            aria-label="Owner"
            className="border-input bg-background h-9 rounded-md border px-2 text-sm"
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            data-testid="action-item-owner"
          >
            <option value="">No owner</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <Input type="date" aria-label="Due date" className="w-40" value={due} onChange={(e) => setDue(e.target.value)} data-testid="action-item-due" />
          <Button type="submit" size="sm" disabled={pending || !title.trim()} data-testid="action-item-add">
            Add
          </Button>
        </form>
      )}
    </div>
  );
}
