"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import type { AgentSettings } from "@/db/schema";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { updateAgentSettingsAction } from "@/lib/actions/agent/update-agent-settings";
import { actionIds, catalog } from "@/lib/agent/shared";

function Toggle({ id, label, help, checked, onChange, disabled }: { id: string; label: string; help: string; checked: boolean; onChange: (v: boolean) => void; disabled: boolean }) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="space-y-0.5">
        <Label htmlFor={id}>{label}</Label>
        <p className="text-muted-foreground text-xs">{help}</p>
      </div>
      <Switch id={id} checked={checked} onCheckedChange={onChange} disabled={disabled} data-testid={id} />
    </div>
  );
}

/** Settings → Agent: when the agent plans, what success does, how long plans wait, and the policy vetoes (admins edit). */
export function AgentSettingsForm({ workspaceSlug, settings, canEdit }: { workspaceSlug: string; settings: AgentSettings; canEdit: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [value, setValue] = React.useState(settings);
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, startTransition] = React.useTransition();
  const disabled = !canEdit || !hydrated || pending;
  const set = <K extends keyof AgentSettings>(k: K, v: AgentSettings[K]) => setValue((s) => ({ ...s, [k]: v }));

  function save(e: React.FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const r = await updateAgentSettingsAction(workspaceSlug, value);
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        if (!r.fieldErrors) toast.error(r.error);
        return;
      }
      setErrors({});
      setValue(r.data);
      toast.success("Agent settings saved.");
      router.refresh();
    });
  }

  return (
    <form onSubmit={save} data-testid="agent-settings" data-hydrated={hydrated ? "true" : undefined}>
      <Card>
        <CardHeader>
          <CardTitle>SRE agent</CardTitle>
          <CardDescription>
            How the agent proposes and carries out remediation. It acts only on the simulated world; incidents from real integrations get advisory checklists.
            {!canEdit && " Only admins can change these settings."}
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <Toggle id="agent-auto-plan" label="Plan after every diagnosis" help="The agent proposes a plan as soon as a diagnosis finishes (unless one is already pending)." checked={value.autoPlanAfterDiagnosis} onChange={(v) => set("autoPlanAfterDiagnosis", v)} disabled={disabled} />
          <Toggle id="agent-resolve" label="Resolve the incident when a plan is verified" help="The history shows the agent as the actor and names who approved the plan." checked={value.resolveOnSuccess} onChange={(v) => set("resolveOnSuccess", v)} disabled={disabled} />
          <Toggle id="agent-stateful-admin" label="Restarting or failing over a stateful store needs an admin" help="Caches, databases, queues and storage: responders cannot approve such a plan." checked={value.statefulRequiresAdmin} onChange={(v) => set("statefulRequiresAdmin", v)} disabled={disabled} />
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-1.5">
              <Label htmlFor="agent-expiry">Plans expire after (minutes)</Label>
              <Input id="agent-expiry" type="number" min={1} max={1440} value={value.planExpiryMinutes} onChange={(e) => set("planExpiryMinutes", Number(e.target.value))} disabled={disabled} />
              {errors.planExpiryMinutes && <p className="text-destructive text-xs">{errors.planExpiryMinutes[0]}</p>}
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="agent-max">Executions per incident per hour</Label>
              <Input id="agent-max" type="number" min={1} max={100} value={value.maxExecutionsPerIncidentPerHour} onChange={(e) => set("maxExecutionsPerIncidentPerHour", Number(e.target.value))} disabled={disabled} />
              {errors.maxExecutionsPerIncidentPerHour && <p className="text-destructive text-xs">{errors.maxExecutionsPerIncidentPerHour[0]}</p>}
            </div>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Blocked actions</legend>
            <p className="text-muted-foreground text-xs">The agent never proposes these, and nobody can pick them.</p>
            <div className="grid gap-2 sm:grid-cols-2">
              {actionIds.map((id) => (
                <label key={id} className="flex items-center gap-2 text-sm">
                  <Checkbox
                    checked={value.blockedActions.includes(id)}
                    disabled={disabled}
                    onCheckedChange={(c) => set("blockedActions", c === true ? [...value.blockedActions, id] : value.blockedActions.filter((a) => a !== id))}
                    data-testid={`agent-block-${id}`}
                  />
                  {catalog[id].label}
                </label>
              ))}
            </div>
          </fieldset>
          {canEdit && (
            <Button type="submit" disabled={disabled} data-testid="agent-settings-save">
              {pending && <Loader2Icon className="animate-spin" />} Save
            </Button>
          )}
        </CardContent>
      </Card>
    </form>
  );
}
