"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FieldError } from "@/components/forms/form-errors";
import { createSilenceAction } from "@/lib/actions/alerts/create-silence";
import type { SilenceMatcher, SilenceView } from "@/lib/alerts/shared";

export type SilencePrefill = { matcher: SilenceMatcher; title?: string };

const durations = [
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 1440, label: "1 day" },
  { minutes: 10080, label: "1 week" },
];
const selectClass = "border-input bg-background h-9 w-full rounded-md border px-2 text-sm shadow-xs";

/** The silence form: a matcher (prefilled from an alert's row), a duration and a reason. */
export function SilenceDialog({
  workspaceSlug,
  prefill,
  open,
  onOpenChange,
  onCreated,
}: {
  workspaceSlug: string;
  prefill: SilencePrefill | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (silence: SilenceView) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="silence-dialog">
        {open && <SilenceForm workspaceSlug={workspaceSlug} prefill={prefill} onDone={onOpenChange} onCreated={onCreated} />}
      </DialogContent>
    </Dialog>
  );
}

function SilenceForm({
  workspaceSlug,
  prefill,
  onDone,
  onCreated,
}: {
  workspaceSlug: string;
  prefill: SilencePrefill | null;
  onDone: (open: boolean) => void;
  onCreated: (silence: SilenceView) => void;
}) {
  const m = prefill?.matcher ?? {};
  const [service, setService] = React.useState(m.service ?? "");
  const [source, setSource] = React.useState(m.source ?? "");
  const [labels, setLabels] = React.useState(Object.entries(m.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(", "));
  const [text, setText] = React.useState(m.text ?? "");
  const [minutes, setMinutes] = React.useState("240");
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, setPending] = React.useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed: Record<string, string> = {};
    for (const part of labels.split(",").map((p) => p.trim()).filter(Boolean)) {
      const i = part.indexOf("=");
      if (i <= 0) return setErrors({ "matcher.labels": ["write labels as name=value, separated by commas"] });
      parsed[part.slice(0, i).trim()] = part.slice(i + 1).trim();
    }
    setPending(true);
    const r = await createSilenceAction(workspaceSlug, {
      matcher: { service: service || undefined, source: source || undefined, labels: Object.keys(parsed).length ? parsed : undefined, text: text || undefined },
      duration_minutes: Number(minutes),
      reason,
    });
    setPending(false);
    if (!r.ok) {
      setErrors(r.fieldErrors ?? {});
      return toast.error(r.error);
    }
    toast.success("Silence created: matching signals are recorded but open nothing");
    onCreated(r.data);
    onDone(false);
  }

  return (
        <form onSubmit={submit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>Silence{prefill?.title ? `: ${prefill.title}` : ""}</DialogTitle>
            <DialogDescription>Signals matching every field below are still recorded, but open no incident and page nobody until the silence ends.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="space-y-1">
              <Label htmlFor="silence-service">Service</Label>
              <Input id="silence-service" value={service} onChange={(e) => setService(e.target.value)} placeholder="any" />
            </div>
            <div className="space-y-1">
              <Label htmlFor="silence-source">Source</Label>
              <Input id="silence-source" value={source} onChange={(e) => setSource(e.target.value)} placeholder="any" />
            </div>
            <div className="space-y-1 sm:col-span-2">
              <Label htmlFor="silence-labels">Labels</Label>
              <Input id="silence-labels" value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="alertname=HighErrorRate, region=eu" />
              <FieldError errors={errors["matcher.labels"]} className="text-xs" />
            </div>
            <div className="space-y-1 sm:col-span-2">
              <Label htmlFor="silence-text">Text contains</Label>
              <Input id="silence-text" value={text} onChange={(e) => setText(e.target.value)} placeholder="any" />
              <FieldError errors={errors.matcher} className="text-xs" />
            </div>
            <div className="space-y-1">
              <Label htmlFor="silence-duration">For</Label>
              <select id="silence-duration" className={selectClass} value={minutes} onChange={(e) => setMinutes(e.target.value)}>
                {durations.map((d) => (
                  <option key={d.minutes} value={d.minutes}>
                    {d.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="space-y-1">
              <Label htmlFor="silence-reason">Reason</Label>
              <Input id="silence-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Known issue, fix deploying" required />
              <FieldError errors={errors.reason} className="text-xs" />
            </div>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onDone(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending} data-testid="silence-submit">
              Silence
            </Button>
          </DialogFooter>
        </form>
  );
}
