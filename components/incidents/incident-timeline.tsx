"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import {
  ActivityIcon,
  ArrowRightIcon,
  BellRingIcon,
  BotIcon,
  Loader2Icon,
  MessageSquareIcon,
  PencilIcon,
  PencilLineIcon,
  SendIcon,
  SettingsIcon,
  StickyNoteIcon,
  ZapIcon,
} from "lucide-react";
import type { IncidentStatus, Severity } from "@/db/schema";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { StatusBadge, statusDotClasses } from "@/components/incidents/status-badge";
import { TimeAgo } from "@/components/incidents/time-ago";
import { addNoteAction } from "@/lib/actions/incidents/add-note";
import { editNoteAction } from "@/lib/actions/incidents/edit-note";
import type { FeedItem } from "@/lib/incidents/shared";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import { useIncidentContext } from "./incident-context";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { formatDateTime } from "./local-time";

const kindIcons: Record<string, typeof ActivityIcon> = {
  note: StickyNoteIcon,
  chat: MessageSquareIcon,
  alert: BellRingIcon,
  action: ZapIcon,
  system: SettingsIcon,
  field_change: PencilLineIcon,
  status_change: ActivityIcon,
};

const fieldLabels: Record<string, string> = {
  title: "Title",
  service: "Service",
  team: "Team",
  severity: "Severity",
  affectedSystems: "Affected systems",
  incidentType: "Type",
  remediationMode: "Remediation",
  actionable: "Actionable",
  receivesIntake: "Receives intake",
};

function FieldValue({ field, value }: { field: string; value: unknown }) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
    return <span className="text-muted-foreground italic">none</span>;
  }
  if (field === "severity" && typeof value === "string") return <SeverityBadge severity={value as Severity} />;
  if (Array.isArray(value)) return <span className="font-mono text-xs">{value.join(", ")}</span>;
  if (typeof value === "boolean") return <span>{value ? "yes" : "no"}</span>;
  return <span className="font-medium">{String(value)}</span>;
}

function Stamp({ at }: { at: string }) {
  const hydrated = useHydrated();
  return (
    <span className="text-muted-foreground shrink-0 text-xs" title={formatDateTime(at, hydrated)}>
      <TimeAgo date={at} style="long" />
    </span>
  );
}

function NoteBody({ item, onSaved }: { item: FeedItem; onSaved: () => void }) {
  const { workspaceSlug, viewer, canWrite } = useIncidentContext();
  const [editing, setEditing] = React.useState<string | null>(null);
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<{ message: string; conflict: boolean } | null>(null);
  const own = canWrite && item.actor.kind === viewer.kind && item.actor.id === viewer.id;

  const save = async () => {
    if (editing === null || item.version === undefined) return;
    setPending(true);
    try {
      const result = await editNoteAction(workspaceSlug, item.id, { body: editing, version: item.version });
      if (result.ok) {
        setEditing(null);
        setError(null);
        onSaved();
      } else {
        setError({ message: result.error, conflict: result.code.startsWith("conflict") });
      }
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };

  if (editing !== null) {
    return (
      <form
        className="mt-1.5 space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Textarea
          data-testid="note-edit-input"
          aria-label="Edit note"
          value={editing}
          autoFocus
          onChange={(e) => setEditing(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              void save();
            }
            if (e.key === "Escape") setEditing(null);
          }}
          className="min-h-20 text-sm"
          maxLength={10_000}
        />
        {error && (
          <div role="alert" data-testid={error.conflict ? "note-conflict" : "note-error"} className="text-destructive flex flex-wrap items-center gap-2 text-xs">
            {error.message}
            {error.conflict && (
              <Button
                type="button"
                size="sm"
                variant="outline"
                className="h-7"
                onClick={() => {
                  setEditing(null);
                  setError(null);
                  onSaved();
                }}
              >
                Reload
              </Button>
            )}
          </div>
        )}
        <div className="flex gap-2">
          <Button type="submit" size="sm" disabled={pending || editing.trim() === "" || editing === item.body} data-testid="note-edit-save">
            {pending && <Loader2Icon className="animate-spin" />}
            Save
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(null)}>
            Cancel
          </Button>
        </div>
      </form>
    );
  }
  return (
    <div className="group/note relative mt-1.5">
      <div data-testid="note-body" className="bg-muted/40 rounded-md border px-3 py-2 text-sm break-words whitespace-pre-wrap">
        {item.body}
      </div>
      <div className="mt-1 flex items-center gap-2">
        {item.editedAt && <span className="text-muted-foreground text-[11px]">edited</span>}
        {own && (
          <Button
            size="sm"
            variant="ghost"
            className="text-muted-foreground h-6 px-1.5 text-xs"
            onClick={() => {
              setEditing(item.body);
              setError(null);
            }}
            data-testid="note-edit"
          >
            <PencilIcon className="size-3" />
            Edit
          </Button>
        )}
      </div>
    </div>
  );
}

function ItemContent({ item, onNoteSaved }: { item: FeedItem; onNoteSaved: () => void }) {
  const actor = <span className="font-medium">{item.actor.name}</span>;
  if (item.kind === "status" && item.toStatus) {
    return (
      <>
        <div className="flex flex-wrap items-center gap-1.5 text-sm">
          {actor}
          {item.fromStatus ? (
            <>
              <span className="text-muted-foreground">moved it from</span>
              <StatusBadge status={item.fromStatus} />
              <ArrowRightIcon className="text-muted-foreground size-3.5" aria-hidden />
              <StatusBadge status={item.toStatus} />
            </>
          ) : (
            <>
              <span className="text-muted-foreground">opened it in</span>
              <StatusBadge status={item.toStatus} />
            </>
          )}
        </div>
        {item.reason && !(item.fromStatus === null && item.reason === "opened") && <p className="text-muted-foreground mt-1 text-sm">“{item.reason}”</p>}
      </>
    );
  }
  if (item.kind === "note") {
    return (
      <>
        <div className="text-sm">
          {actor} <span className="text-muted-foreground">added a note</span>
        </div>
        <NoteBody item={item} onSaved={onNoteSaved} />
      </>
    );
  }
  if (item.kind === "field_change") {
    const changes = Object.entries(item.data) as [string, { from?: unknown; to?: unknown }][];
    return (
      <>
        <div className="text-sm">
          {actor} <span className="text-muted-foreground">{item.body || "changed fields"}</span>
        </div>
        {changes.length > 0 && (
          <ul className="mt-1 space-y-1">
            {changes.map(([field, change]) => (
              <li key={field} className="flex flex-wrap items-center gap-1.5 text-xs">
                <span className="text-muted-foreground w-28 shrink-0">{fieldLabels[field] ?? field}</span>
                <FieldValue field={field} value={change?.from} />
                <ArrowRightIcon className="text-muted-foreground size-3" aria-hidden />
                <FieldValue field={field} value={change?.to} />
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <>
      <div className="text-sm">
        {actor} <span className="text-muted-foreground">{item.kind.replace("_", " ")}</span>
      </div>
      {item.body && <p className="mt-1 text-sm break-words whitespace-pre-wrap">{item.body}</p>}
    </>
  );
}

function Marker({ item }: { item: FeedItem }) {
  if (item.kind === "status" && item.toStatus) {
    return <span className={cn("ring-background size-2.5 rounded-full ring-4", statusDotClasses[item.toStatus as IncidentStatus])} />;
  }
  const Icon = item.actor.kind === "system" ? BotIcon : (kindIcons[item.kind] ?? ActivityIcon);
  return (
    <span className="bg-background text-muted-foreground ring-background flex size-6 items-center justify-center rounded-full border ring-4">
      <Icon className="size-3" aria-hidden />
    </span>
  );
}

function NoteComposer({ onAdded }: { onAdded: () => void }) {
  const { workspaceSlug, incidentId } = useIncidentContext();
  const [body, setBody] = React.useState("");
  const [pending, setPending] = React.useState(false);
  const submit = async () => {
    if (!body.trim()) return;
    setPending(true);
    try {
      const result = await addNoteAction(workspaceSlug, incidentId, { body });
      if (result.ok) {
        setBody("");
        onAdded();
      } else toast.error(result.error);
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Textarea
        data-testid="note-input"
        aria-label="New note"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            void submit();
          }
        }}
        placeholder="Add a note to the timeline…"
        className="min-h-16 text-sm"
        maxLength={10_000}
      />
      <div className="flex items-center justify-between gap-2">
        <span className="text-muted-foreground text-xs">Ctrl+Enter to post</span>
        <Button type="submit" size="sm" disabled={pending || !body.trim()} data-testid="note-add">
          {pending ? <Loader2Icon className="animate-spin" /> : <SendIcon />}
          Add note
        </Button>
      </div>
    </form>
  );
}

/** Status moves and timeline entries (notes, field changes, later chat, alerts, actions) in one feed, oldest first. */
export function IncidentTimeline({ items }: { items: FeedItem[] }) {
  const { workspaceSlug, incidentId, canWrite } = useIncidentContext();
  const queryClient = useQueryClient();
  const refresh = React.useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.incidentTimeline(workspaceSlug, incidentId) });
  }, [queryClient, workspaceSlug, incidentId]);

  return (
    <div className="space-y-5">
      {items.length === 0 ? (
        <div className="text-muted-foreground flex flex-col items-center gap-1 rounded-md border border-dashed py-8 text-center text-sm">
          <ActivityIcon className="size-5 opacity-60" aria-hidden />
          No activity yet. Status moves, notes and changes will appear here.
        </div>
      ) : (
        <ol className="relative space-y-4" data-testid="incident-timeline">
          <span aria-hidden className="bg-border absolute top-2 bottom-2 left-3 w-px" />
          {items.map((item) => (
            <li key={item.id} data-testid="timeline-item" data-kind={item.kind} data-entry-id={item.id} className="relative flex gap-3">
              <div className="flex w-6 shrink-0 justify-center pt-1">
                <Marker item={item} />
              </div>
              <div className="min-w-0 flex-1">
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0 flex-1">
                    <ItemContent item={item} onNoteSaved={refresh} />
                  </div>
                  <Stamp at={item.at} />
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      {canWrite && <NoteComposer onAdded={refresh} />}
    </div>
  );
}
