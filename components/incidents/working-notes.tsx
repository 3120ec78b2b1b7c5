"use client";

import * as React from "react";
import { Loader2Icon, SaveIcon, Undo2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { updateIncidentAction } from "@/lib/actions/incidents/update-incident";
import type { IncidentDto } from "@/lib/incidents/shared";
import { useIncidentContext } from "./incident-context";
import { useEditState, useIncidentWrite } from "./incident-state";

type Draft = { text: string; baseVersion: number };

/**
 * The responders' shared scratchpad. A draft remembers the version it started from; saving sends
 * that version, so a draft written over someone else's newer notes is refused, not saved over them.
 */
export function WorkingNotes({ incident }: { incident: IncidentDto }) {
  const { workspaceSlug, incidentId, canWrite } = useIncidentContext();
  const { reloadToken, rebase } = useEditState();
  const { run, pending } = useIncidentWrite();
  const [draft, setDraft] = React.useState<Draft | null>(null);
  const [discarded, setDiscarded] = React.useState<string | null>(null);

  // After "Reload" the draft no longer applies to what is on screen: keep it aside to restore by hand.
  const [seenReload, setSeenReload] = React.useState(reloadToken);
  if (seenReload !== reloadToken) {
    setSeenReload(reloadToken);
    if (draft && draft.text !== incident.notes) setDiscarded(draft.text);
    setDraft(null);
  }

  const value = draft?.text ?? incident.notes;
  const dirty = draft !== null && draft.text !== incident.notes;

  const save = async () => {
    if (!draft) return;
    const version = rebase(draft.baseVersion);
    const ok = await run(version, () => updateIncidentAction(workspaceSlug, incidentId, { version, notes: draft.text }), "Notes saved");
    if (ok) {
      setDraft(null);
      setDiscarded(null);
    }
  };

  if (!canWrite) {
    return incident.notes ? (
      <div data-testid="incident-notes" className="text-sm whitespace-pre-wrap">
        {incident.notes}
      </div>
    ) : (
      <p className="text-muted-foreground text-sm">No working notes yet.</p>
    );
  }

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Textarea
        data-testid="incident-notes"
        aria-label="Working notes"
        value={value}
        onChange={(e) => {
          const text = e.target.value;
          setDraft((d) => ({ text, baseVersion: d?.baseVersion ?? incident.version }));
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            void save();
          }
        }}
        placeholder="What do we know, what are we trying, who is on it…"
        className="min-h-28 font-mono text-[13px] leading-relaxed"
        maxLength={50_000}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-muted-foreground text-xs">{dirty ? "Unsaved changes · Ctrl+Enter to save" : "Saved with the incident"}</span>
        <div className="flex gap-2">
          {dirty && (
            <Button type="button" size="sm" variant="ghost" onClick={() => setDraft(null)} disabled={pending}>
              <Undo2Icon />
              Discard
            </Button>
          )}
          <Button type="submit" size="sm" disabled={!dirty || pending} data-testid="incident-notes-save">
            {pending ? <Loader2Icon className="animate-spin" /> : <SaveIcon />}
            Save notes
          </Button>
        </div>
      </div>
      {discarded !== null && (
        <div className="bg-muted/50 space-y-2 rounded-md border border-dashed p-3 text-sm" data-testid="incident-notes-discarded">
          <div className="font-medium">Your unsaved draft</div>
          <pre className="text-muted-foreground max-h-40 overflow-auto font-mono text-xs whitespace-pre-wrap">{discarded}</pre>
          <div className="flex gap-2">
            <Button
              type="button"
              size="sm"
              variant="outline"
              onClick={() => {
                setDraft({ text: discarded, baseVersion: incident.version });
                setDiscarded(null);
              }}
            >
              Restore my draft
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setDiscarded(null)}>
              Dismiss
            </Button>
          </div>
        </div>
      )}
    </form>
  );
}
