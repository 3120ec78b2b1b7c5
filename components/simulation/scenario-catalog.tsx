"use client";

import * as React from "react";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, PlayIcon, ZapIcon, ZapOffIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { startSimulationAction } from "@/lib/actions/simulation/start-simulation";
import { triggerFailureAction } from "@/lib/actions/simulation/trigger-failure";
import { clearFailureAction } from "@/lib/actions/simulation/clear-failure";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import type { serializeScenarioSummary } from "@/lib/simulation/shared";

type Summary = ReturnType<typeof serializeScenarioSummary>;

const speeds = [1, 10, 60, 120];
const selectClass = "border-input bg-background h-8 rounded-md border px-2 text-sm shadow-xs";

const severityTone: Record<string, string> = {
  critical: "border-red-500/50 text-red-700 dark:text-red-300",
  high: "border-orange-500/50 text-orange-700 dark:text-orange-300",
  medium: "border-amber-500/50 text-amber-700 dark:text-amber-300",
  low: "border-sky-500/50 text-sky-700 dark:text-sky-300",
};

/** Injections map to the systems API (`/systems/{system}/trigger/{failure}`). */
const injectionTarget: Record<string, [string, string]> = {
  "redis-memory": ["redis", "memory"],
  "postgres-connections": ["postgresql", "connections"],
  "postgres-bloat": ["postgresql", "bloat"],
  "disk-full": ["disk", "full"],
};

function useRefreshRuns(workspaceSlug: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: queryKeys.simulations(workspaceSlug) });
    void qc.invalidateQueries({ queryKey: queryKeys.systemsHealth(workspaceSlug) });
  };
}

function ScenarioCard({ s, workspaceSlug, basePath, canRun }: { s: Summary; workspaceSlug: string; basePath: string; canRun: boolean }) {
  const [speed, setSpeed] = React.useState(10);
  const [pending, setPending] = React.useState(false);
  const refresh = useRefreshRuns(workspaceSlug);
  async function run() {
    setPending(true);
    const r = await startSimulationAction(workspaceSlug, s.id, { speed });
    setPending(false);
    if (!r.ok) return toast.error(r.error);
    toast.success(`${s.name} is running at ${speed}×`);
    refresh();
  }
  return (
    <Card className="flex flex-col" data-testid={`scenario-card-${s.id}`}>
      <CardHeader>
        <CardTitle className="text-base">{s.name}</CardTitle>
        <CardDescription className="line-clamp-3">{s.description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-2 text-xs">
        <div className="flex flex-wrap gap-1">
          <Badge variant="outline" className={cn(severityTone[s.severity])}>
            {s.severity}
          </Badge>
          <Badge variant="secondary">{s.difficulty}</Badge>
          {s.source === "custom" ? <Badge variant="outline">custom</Badge> : null}
          {s.tags.map((t) => (
            <Badge key={t} variant="outline" className="text-muted-foreground font-normal">
              {t}
            </Badge>
          ))}
        </div>
        <p className="text-muted-foreground">
          {s.service} · {s.metric_count} metrics · {Math.round(s.duration_seconds / 60)} min{s.phases ? ` · ${s.phases} phases` : ""}
          {s.has_conversation ? " · war-room script" : ""}
        </p>
      </CardContent>
      <CardFooter className="gap-2">
        {canRun ? (
          <>
            <label className="sr-only" htmlFor={`speed-${s.id}`}>
              Speed
            </label>
            <select id={`speed-${s.id}`} className={selectClass} value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid={`speed-${s.id}`}>
              {speeds.map((x) => (
                <option key={x} value={x}>
                  {x}×
                </option>
              ))}
            </select>
            <Button size="sm" onClick={run} disabled={pending} data-testid={`run-${s.id}`}>
              {pending ? <Loader2Icon className="animate-spin" aria-hidden /> : <PlayIcon aria-hidden />} Run
            </Button>
          </>
        ) : null}
        <Button asChild size="sm" variant="ghost" className="ml-auto">
          <Link
            href={`${basePath}/scenarios/builder?from=${encodeURIComponent(s.id)}`}
            title={s.source === "custom" ? "Edit this scenario in the builder" : "Open a copy of this scenario in the builder"}
          >{s.source === "custom" ? "Edit" : "Duplicate"}</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}

function InjectionRow({ s, workspaceSlug, canRun }: { s: Summary; workspaceSlug: string; canRun: boolean }) {
  const [pending, setPending] = React.useState<"trigger" | "clear" | null>(null);
  const refresh = useRefreshRuns(workspaceSlug);
  const [system, failure] = injectionTarget[s.id] ?? [s.service, s.id];
  async function act(kind: "trigger" | "clear") {
    setPending(kind);
    const r = kind === "trigger" ? await triggerFailureAction(workspaceSlug, system, failure) : await clearFailureAction(workspaceSlug, system, failure);
    setPending(null);
    if (!r.ok) return toast.error(r.error);
    toast.success(kind === "trigger" ? `${s.name}: injected` : `${s.name}: cleared`);
    refresh();
  }
  return (
    <li className="flex flex-wrap items-center gap-2 py-2" data-testid={`injection-${s.id}`}>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium">{s.name}</p>
        <p className="text-muted-foreground text-xs">{s.description}</p>
      </div>
      {canRun ? (
        <>
          <Button size="sm" variant="outline" onClick={() => act("trigger")} disabled={!!pending} data-testid={`trigger-${s.id}`}>
            {pending === "trigger" ? <Loader2Icon className="animate-spin" aria-hidden /> : <ZapIcon aria-hidden />} Trigger
          </Button>
          <Button size="sm" variant="ghost" onClick={() => act("clear")} disabled={!!pending} data-testid={`clear-${s.id}`}>
            {pending === "clear" ? <Loader2Icon className="animate-spin" aria-hidden /> : <ZapOffIcon aria-hidden />} Clear
          </Button>
        </>
      ) : null}
    </li>
  );
}

/** The catalog: filters by difficulty and tag, scenario cards, and the failure injections. */
export function ScenarioCatalog({ workspaceSlug, basePath, scenarios, canRun }: { workspaceSlug: string; basePath: string; scenarios: Summary[]; canRun: boolean }) {
  const [difficulty, setDifficulty] = React.useState("");
  const [tag, setTag] = React.useState("");
  const runnable = scenarios.filter((s) => s.kind === "scenario");
  const injections = scenarios.filter((s) => s.kind === "injection");
  const tags = [...new Set(runnable.flatMap((s) => s.tags))].sort();
  const shown = runnable.filter((s) => (!difficulty || s.difficulty === difficulty) && (!tag || s.tags.includes(tag)));
  return (
    <div className="space-y-6">
      <section className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="mr-auto text-lg font-semibold">Catalog</h2>
          <select aria-label="Difficulty" className={selectClass} value={difficulty} onChange={(e) => setDifficulty(e.target.value)}>
            <option value="">All difficulties</option>
            <option value="beginner">Beginner</option>
            <option value="intermediate">Intermediate</option>
            <option value="advanced">Advanced</option>
          </select>
          <select aria-label="Tag" className={selectClass} value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {shown.map((s) => (
            <ScenarioCard key={s.id} s={s} workspaceSlug={workspaceSlug} basePath={basePath} canRun={canRun} />
          ))}
        </div>
        {shown.length === 0 ? <p className="text-muted-foreground text-sm">No scenario matches these filters.</p> : null}
      </section>
      <section className="space-y-1">
        <h2 className="text-lg font-semibold">Failure injection</h2>
        <p className="text-muted-foreground text-sm">The four failures of the incident simulator: each runs until cleared (or fixed by the right action).</p>
        <ul className="divide-y">
          {injections.map((s) => (
            <InjectionRow key={s.id} s={s} workspaceSlug={workspaceSlug} canRun={canRun} />
          ))}
        </ul>
      </section>
    </div>
  );
}
