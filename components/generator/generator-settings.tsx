"use client";

import * as React from "react";
import { Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { updateGeneratorAction } from "@/lib/actions/generator/update-generator";
import { cancelBatchAction, scheduleBatchAction } from "@/lib/actions/generator/schedule-batch";
import type { GeneratorStatus } from "@/lib/generator/shared";
import { GeneratorControl } from "./generator-control";
import { useGenerator } from "./use-generator";

function FieldError({ errors, name }: { errors: Record<string, string[]>; name: string }) {
  return errors[name] ? <p className="text-destructive text-xs">{errors[name][0]}</p> : null;
}

/** Settings → Generator: on/off, the interval range, templates, auto-diagnosis, and batch mode. */
export function GeneratorSettings({ workspaceSlug, initial, canRun }: { workspaceSlug: string; initial: GeneratorStatus; canRun: boolean }) {
  const hydrated = useHydrated();
  const { data = initial, set } = useGenerator(workspaceSlug, initial);
  const [form, setForm] = React.useState({ min: initial.minIntervalSeconds / 60, max: initial.maxIntervalSeconds / 60, templates: initial.templates, autoDiagnose: initial.autoDiagnose });
  const [batch, setBatch] = React.useState({ count: 5, minutes: 60, templates: [] as string[] });
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, startTransition] = React.useTransition();
  const disabled = !canRun || !hydrated || pending;

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await updateGeneratorAction(workspaceSlug, {
        minIntervalSeconds: Math.round(form.min * 60),
        maxIntervalSeconds: Math.round(form.max * 60),
        templates: form.templates,
        autoDiagnose: form.autoDiagnose,
      });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        if (!r.fieldErrors) toast.error(r.error);
        return;
      }
      setErrors({});
      set(r.data);
      toast.success("Generator settings saved.");
    });
  };

  const queue = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await scheduleBatchAction(workspaceSlug, { count: batch.count, intervalSeconds: Math.round(batch.minutes * 60), templates: batch.templates });
      if (!r.ok) {
        setErrors(Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [`batch.${k}`, v])));
        if (!r.fieldErrors) toast.error(r.error);
        return;
      }
      setErrors({});
      set(r.data);
      toast.success(`Batch queued: ${batch.count} incidents, one every ${batch.minutes} min.`);
    });
  };

  const cancel = () =>
    startTransition(async () => {
      const r = await cancelBatchAction(workspaceSlug);
      if (r.ok) set(r.data);
      else toast.error(r.error);
    });

  const templateList = (selected: string[], onChange: (ids: string[]) => void, prefix: string) => (
    <div className="grid max-h-64 gap-1.5 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
      {data.available.map((t) => (
        <label key={t.id} className="flex items-center gap-2 text-sm">
          <Checkbox
            checked={selected.includes(t.id)}
            disabled={disabled}
            onCheckedChange={(c) => onChange(c === true ? [...selected, t.id] : selected.filter((x) => x !== t.id))}
            data-testid={`${prefix}-${t.id}`}
          />
          <span className="truncate">{t.label}</span>
          <span className="text-muted-foreground ml-auto font-mono text-[11px]">{t.service}</span>
        </label>
      ))}
    </div>
  );

  return (
    <div className="space-y-6" data-testid="generator-settings" data-hydrated={hydrated ? "true" : undefined}>
      <Card>
        <CardHeader>
          <CardTitle>Incident generator</CardTitle>
          <CardDescription>
            Creates a realistic synthetic incident at a random time within the interval, through intake like any sender, tagged <code>synthetic</code>.
            {!canRun && " Responders and admins can change it."}
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <GeneratorControl workspaceSlug={workspaceSlug} canRun={canRun} />
          <p className="text-muted-foreground text-xs">
            {data.generatedCount} generated so far{data.lastRunAt ? `, last at ${new Date(data.lastRunAt).toLocaleString()}` : ""}.
            {data.lastError && <span className="text-destructive"> Last error: {data.lastError}</span>}
          </p>
          <form onSubmit={save} className="space-y-5">
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="space-y-1.5">
                <Label htmlFor="gen-min">Shortest interval (minutes)</Label>
                <Input id="gen-min" type="number" step="0.5" min={0.5} max={1440} value={form.min} onChange={(e) => setForm({ ...form, min: Number(e.target.value) })} disabled={disabled} />
                <FieldError errors={errors} name="minIntervalSeconds" />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor="gen-max">Longest interval (minutes)</Label>
                <Input id="gen-max" type="number" step="0.5" min={0.5} max={1440} value={form.max} onChange={(e) => setForm({ ...form, max: Number(e.target.value) })} disabled={disabled} />
                <FieldError errors={errors} name="maxIntervalSeconds" />
              </div>
            </div>
            <div className="flex items-start justify-between gap-4">
              <div className="space-y-0.5">
                <Label htmlFor="gen-diagnose">Diagnose new incidents automatically</Label>
                <p className="text-muted-foreground text-xs">Each generated incident is diagnosed as soon as it opens (the offline engine needs no API key).</p>
              </div>
              <Switch id="gen-diagnose" checked={form.autoDiagnose} onCheckedChange={(v) => setForm({ ...form, autoDiagnose: v })} disabled={disabled} data-testid="gen-diagnose" />
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">Templates</legend>
              <p className="text-muted-foreground text-xs">Draw from these only (none ticked: all of them).</p>
              {templateList(form.templates, (templates) => setForm({ ...form, templates }), "gen-template")}
              <FieldError errors={errors} name="templates" />
            </fieldset>
            {canRun && (
              <Button type="submit" disabled={disabled} data-testid="generator-save">
                {pending && <Loader2Icon className="animate-spin" />} Save
              </Button>
            )}
          </form>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Batch mode</CardTitle>
          <CardDescription>Schedule a number of incidents through the day, one every interval, the ticked templates in turn (none ticked: drawn at random). Runs whether or not the generator is on.</CardDescription>
        </CardHeader>
        <CardContent>
          {data.batch ? (
            <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="generator-batch">
              <span>
                {data.batch.remaining} left, one every {Math.round(data.batch.intervalSeconds / 60)} min
                {data.batch.nextAt && hydrated ? `, next at ${new Date(data.batch.nextAt).toLocaleTimeString()}` : ""}.
              </span>
              {canRun && (
                <Button size="sm" variant="outline" onClick={cancel} disabled={disabled}>
                  Cancel batch
                </Button>
              )}
            </div>
          ) : (
            <form onSubmit={queue} className="space-y-4">
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="space-y-1.5">
                  <Label htmlFor="batch-count">Incidents</Label>
                  <Input id="batch-count" type="number" min={1} max={200} value={batch.count} onChange={(e) => setBatch({ ...batch, count: Number(e.target.value) })} disabled={disabled} />
                  <FieldError errors={errors} name="batch.count" />
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor="batch-interval">Every (minutes)</Label>
                  <Input id="batch-interval" type="number" min={0.5} max={1440} step="0.5" value={batch.minutes} onChange={(e) => setBatch({ ...batch, minutes: Number(e.target.value) })} disabled={disabled} />
                  <FieldError errors={errors} name="batch.intervalSeconds" />
                </div>
              </div>
              {templateList(batch.templates, (templates) => setBatch({ ...batch, templates }), "batch-template")}
              {canRun && (
                <Button type="submit" disabled={disabled} data-testid="batch-queue">
                  Queue batch
                </Button>
              )}
            </form>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
