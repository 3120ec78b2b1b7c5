"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { HandIcon, Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { requestPlanAction } from "@/lib/actions/agent/request-plan";
import { actionIds, catalog, type ActionId } from "@/lib/agent/shared";
import { queryKeys } from "@/lib/query-keys";

type Field = { name: string; label: string; type: "text" | "number" | "flag" | "boolean"; placeholder?: string };

/** The parameters a person may set for each action (the rest default from the target's state). */
const fields: Partial<Record<ActionId, Field[]>> = {
  scale_out: [{ name: "replicas", label: "Replicas", type: "number", placeholder: "current + 2" }],
  scale_in: [{ name: "replicas", label: "Replicas", type: "number", placeholder: "current − 1" }],
  rollback_deployment: [{ name: "from_version", label: "Bad version", type: "text", placeholder: "v2.5.0" }],
  toggle_feature_flag: [
    { name: "flag", label: "Flag", type: "flag" },
    { name: "enabled", label: "Turn it on (instead of off)", type: "boolean" },
  ],
  kill_idle_connections: [{ name: "idle_seconds", label: "Idle for more than (s)", type: "number", placeholder: "60" }],
  vacuum_table: [{ name: "table", label: "Table", type: "text", placeholder: "all" }],
  cleanup_disk: [{ name: "older_than_days", label: "Older than (days)", type: "number", placeholder: "7" }],
  open_circuit_breaker: [{ name: "dependency", label: "Dependency", type: "text", placeholder: "Stripe API" }],
  rate_limit: [{ name: "requests_per_second", label: "Requests per second", type: "number", placeholder: "80 % of now" }],
  optimize_queries: [{ name: "statement", label: "Change", type: "text", placeholder: "CREATE INDEX …" }],
  tune_connection_pool: [{ name: "pool_size", label: "Pool size", type: "number", placeholder: "150" }],
};

/**
 * A manual action: a person picks one catalog action and a target on an incident of the simulated
 * world; it becomes a plan like any other (approval, execution, verification).
 */
export function ActionPicker({
  workspaceSlug,
  incidentId,
  service,
  targets,
  flags,
  blocked,
}: {
  workspaceSlug: string;
  incidentId: string;
  service: string;
  targets: { name: string; kind: string }[];
  flags: string[];
  blocked: string[];
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const [target, setTarget] = React.useState(targets.some((t) => t.name === service) ? service : (targets[0]?.name ?? service));
  const kind = targets.find((t) => t.name === target)?.kind ?? "service";
  const available = actionIds.filter((id) => !blocked.includes(id) && (catalog[id].targets as string[]).includes(kind));
  const [action, setAction] = React.useState<ActionId | "">("");
  const [values, setValues] = React.useState<Record<string, string>>({});
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, setPending] = React.useState(false);
  const chosen = action && available.includes(action) ? action : "";

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    setPending(true);
    const parameters: Record<string, string | number | boolean> = {};
    for (const f of fields[chosen] ?? []) {
      const v = values[f.name];
      if (f.type === "boolean") parameters[f.name] = v === "true";
      else if (v !== undefined && v !== "") parameters[f.name] = f.type === "number" ? Number(v) : v;
    }
    if (chosen === "toggle_feature_flag" && parameters.flag === undefined && flags[0]) parameters.flag = flags[0];
    try {
      const r = await requestPlanAction(workspaceSlug, incidentId, { action: chosen, target, parameters });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        if (!r.fieldErrors) toast.error(r.error);
        return;
      }
      toast.success(r.data.status === "awaiting_approval" ? "Proposed: it waits for approval." : "Proposed.");
      setOpen(false);
      setErrors({});
      setValues({});
      void queryClient.invalidateQueries({ queryKey: queryKeys.incidentAgent(workspaceSlug, incidentId) });
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  const fieldError = (name: string) => errors[name]?.[0] ?? errors[`parameters`]?.[0];

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" data-testid="agent-pick-action">
          <HandIcon /> Pick an action
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form onSubmit={submit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>Propose an action</DialogTitle>
            <DialogDescription>One action of the catalog on a system of this drill. It takes the same path as the agent&apos;s plans: approval, execution, verification.</DialogDescription>
          </DialogHeader>
          <div className="space-y-1.5">
            <Label htmlFor="agent-target">Target</Label>
            <Select value={target} onValueChange={(v) => setTarget(v)}>
              <SelectTrigger id="agent-target" className="w-full" data-testid="agent-target">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {targets.map((t) => (
                  <SelectItem key={t.name} value={t.name}>
                    {t.name} <span className="text-muted-foreground">({t.kind})</span>
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {errors.target && <p className="text-destructive text-xs">{errors.target[0]}</p>}
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="agent-action">Action</Label>
            <Select value={chosen} onValueChange={(v) => setAction(v as ActionId)}>
              <SelectTrigger id="agent-action" className="w-full" data-testid="agent-action">
                <SelectValue placeholder="Choose an action" />
              </SelectTrigger>
              <SelectContent>
                {available.map((id) => (
                  <SelectItem key={id} value={id} data-testid={`agent-action-${id}`}>
                    {catalog[id].label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {chosen && <p className="text-muted-foreground text-xs">{catalog[chosen].description}</p>}
            {errors.action && <p className="text-destructive text-xs">{errors.action[0]}</p>}
          </div>
          {chosen &&
            (fields[chosen] ?? []).map((f) => (
              <div key={f.name} className="space-y-1.5">
                {f.type === "boolean" ? (
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" checked={values[f.name] === "true"} onChange={(e) => setValues({ ...values, [f.name]: String(e.target.checked) })} />
                    {f.label}
                  </label>
                ) : f.type === "flag" && flags.length > 0 ? (
                  <>
                    <Label htmlFor={`agent-${f.name}`}>{f.label}</Label>
                    <Select value={values[f.name] ?? flags[0]} onValueChange={(v) => setValues({ ...values, [f.name]: v })}>
                      <SelectTrigger id={`agent-${f.name}`} className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {flags.map((flag) => (
                          <SelectItem key={flag} value={flag}>
                            {flag}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  </>
                ) : (
                  <>
                    <Label htmlFor={`agent-${f.name}`}>{f.label}</Label>
                    <Input
                      id={`agent-${f.name}`}
                      type={f.type === "number" ? "number" : "text"}
                      value={values[f.name] ?? ""}
                      placeholder={f.placeholder}
                      onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                    />
                  </>
                )}
                {fieldError(f.name) && <p className="text-destructive text-xs">{fieldError(f.name)}</p>}
              </div>
            ))}
          <DialogFooter>
            <Button type="submit" disabled={!chosen || pending} data-testid="agent-propose">
              {pending && <Loader2Icon className="animate-spin" />} Propose
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
