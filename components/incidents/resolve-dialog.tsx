"use client";

import * as React from "react";
import { CircleCheckIcon, Loader2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

export type Resolution = { summary?: string; cause?: string };

/**
 * Asked on every resolve (the incident page's buttons and a drop on the board's Resolved column):
 * what ended the incident and what caused it. Both are optional; "Resolve" without them still
 * resolves. What is given is kept on the incident (and read later by its post-mortem).
 */
export function ResolveDialog({
  open,
  onOpenChange,
  incidentKey,
  title,
  onResolve,
  pending = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  incidentKey: string;
  title: string;
  onResolve: (resolution: Resolution) => void | Promise<unknown>;
  pending?: boolean;
}) {
  const [summary, setSummary] = React.useState("");
  const [cause, setCause] = React.useState("");
  const ids = React.useId();

  // Each opening starts empty.
  const [wasOpen, setWasOpen] = React.useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setSummary("");
      setCause("");
    }
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void onResolve({ summary: summary.trim() || undefined, cause: cause.trim() || undefined });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg" data-testid="resolve-dialog">
        <form onSubmit={submit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>
              Resolve {incidentKey}
            </DialogTitle>
            <DialogDescription className="line-clamp-2">{title}</DialogDescription>
          </DialogHeader>
          <div className="space-y-1.5">
            <Label htmlFor={`${ids}-summary`}>
              What ended it? <span className="text-muted-foreground font-normal">(optional)</span>
            </Label>
            <Textarea
              id={`${ids}-summary`}
              data-testid="resolve-summary"
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
              }}
              maxLength={5000}
              rows={3}
              placeholder="e.g. Rolled back the deploy; error rate back under 1 %"
              className="placeholder:text-muted-foreground/60 placeholder:italic"
            />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor={`${ids}-cause`}>
              Cause <span className="text-muted-foreground font-normal">(optional)</span>
            </Label>
            <Input
              id={`${ids}-cause`}
              data-testid="resolve-cause"
              value={cause}
              onChange={(e) => setCause(e.target.value)}
              maxLength={1000}
              placeholder="e.g. Connection pool too small after the config change"
              className="placeholder:text-muted-foreground/60 placeholder:italic"
            />
            <p className="text-muted-foreground text-xs">Kept on the incident and used by its post-mortem. You can resolve without them.</p>
          </div>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending} data-testid="resolve-confirm">
              {pending ? <Loader2Icon className="animate-spin" /> : <CircleCheckIcon />}
              Resolve
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
