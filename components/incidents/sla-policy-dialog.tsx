"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Loader2Icon, Settings2Icon } from "lucide-react";
import type { Severity, SlaPolicy } from "@/db/schema";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { SeverityBadge, severityLabels } from "@/components/incidents/severity-badge";
import { updateSlaPolicyAction } from "@/lib/actions/incidents/update-sla-policy";
import { DEFAULT_SLA_POLICY, formatMinutes } from "@/lib/incidents/shared";
import { queryKeys } from "@/lib/query-keys";
import { useIncidentContext } from "./incident-context";

const severities = Object.keys(severityLabels) as Severity[];
type Field = "responseMinutes" | "resolutionMinutes";
type Draft = Record<Severity, Record<Field, string>>;

const toDraft = (p: SlaPolicy): Draft =>
  Object.fromEntries(severities.map((s) => [s, { responseMinutes: String(p[s].responseMinutes), resolutionMinutes: String(p[s].resolutionMinutes) }])) as Draft;

function MinutesInput({ value, onChange, label, error }: { value: string; onChange: (v: string) => void; label: string; error?: string }) {
  const n = Number(value);
  return (
    <div className="space-y-1">
      <Input type="number" min={1} inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} aria-invalid={!!error} className="h-8" />
      <div className={error ? "text-destructive text-[11px]" : "text-muted-foreground text-[11px]"}>{error ?? (Number.isInteger(n) && n > 0 ? formatMinutes(n) : "minutes")}</div>
    </div>
  );
}

/** Admins set the workspace's response and resolution targets per severity (workspaces.settings.sla). */
export function SlaPolicyDialog({ policy }: { policy: SlaPolicy }) {
  const { workspaceSlug, incidentId } = useIncidentContext();
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const [draft, setDraft] = React.useState<Draft>(() => toDraft(policy));
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, setPending] = React.useState(false);

  const set = (sev: Severity, field: Field, value: string) => setDraft((d) => ({ ...d, [sev]: { ...d[sev], [field]: value } }));

  const save = async () => {
    setPending(true);
    try {
      const input = Object.fromEntries(
        severities.map((s) => [s, { responseMinutes: Number(draft[s].responseMinutes), resolutionMinutes: Number(draft[s].resolutionMinutes) }]),
      ) as SlaPolicy;
      const result = await updateSlaPolicyAction(workspaceSlug, input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (!result.fieldErrors) toast.error(result.error);
        return;
      }
      setErrors({});
      setOpen(false);
      toast.success("SLA targets saved for this workspace");
      void queryClient.invalidateQueries({ queryKey: queryKeys.incident(workspaceSlug, incidentId), exact: true });
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (o) {
          setDraft(toDraft(policy));
          setErrors({});
        }
        setOpen(o);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-muted-foreground -my-1 h-6 px-1.5 text-xs" data-testid="sla-policy-edit">
          <Settings2Icon className="size-3" />
          Targets
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>SLA targets</DialogTitle>
          <DialogDescription>
            Minutes from when an incident is opened: response until it leaves triage, resolution until it is resolved. Applies to every incident of this
            workspace.
          </DialogDescription>
        </DialogHeader>
        <form
          id="sla-policy-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          className="space-y-3"
        >
          <div className="text-muted-foreground grid grid-cols-[7rem_1fr_1fr] gap-3 text-xs font-medium">
            <span>Severity</span>
            <span>Response</span>
            <span>Resolution</span>
          </div>
          {severities.map((s) => (
            <div key={s} className="grid grid-cols-[7rem_1fr_1fr] items-start gap-3">
              <div className="flex h-8 items-center gap-1.5">
                <SeverityBadge severity={s} />
                <span className="text-muted-foreground text-xs">{severityLabels[s]}</span>
              </div>
              <MinutesInput label={`${s} response minutes`} value={draft[s].responseMinutes} onChange={(v) => set(s, "responseMinutes", v)} error={errors[`${s}.responseMinutes`]?.[0]} />
              <MinutesInput label={`${s} resolution minutes`} value={draft[s].resolutionMinutes} onChange={(v) => set(s, "resolutionMinutes", v)} error={errors[`${s}.resolutionMinutes`]?.[0]} />
            </div>
          ))}
        </form>
        <DialogFooter className="sm:justify-between">
          <Button type="button" variant="ghost" size="sm" onClick={() => setDraft(toDraft(DEFAULT_SLA_POLICY))}>
            Runbook defaults
          </Button>
          <Button type="submit" form="sla-policy-form" size="sm" disabled={pending}>
            {pending && <Loader2Icon className="animate-spin" />}
            Save targets
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
