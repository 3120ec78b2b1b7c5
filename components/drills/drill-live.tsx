"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { acceptDrillDiagnosisAction } from "@/lib/actions/drills/accept-drill-diagnosis";
import { createDrillAction } from "@/lib/actions/drills/create-drill";
import { endDrillAction } from "@/lib/actions/drills/end-drill";
import { injectDrillFaultAction } from "@/lib/actions/drills/inject-drill-fault";
import { startDrillAction } from "@/lib/actions/drills/start-drill";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import { formatDuration } from "@/lib/analytics/shared";
import { injectableFaults, type DrillListItem, type DrillPage } from "@/lib/drills/shared";
import { queryKeys } from "@/lib/query-keys";

const field = "border-input bg-background h-9 rounded-md border px-2 text-sm";

export function DrillLive({
  workspaceSlug,
  basePath,
  initialData,
  causes,
  sameSeed,
  canRun,
  canAnswer,
}: {
  workspaceSlug: string;
  basePath: string;
  initialData: DrillPage;
  causes: string[];
  sameSeed: DrillListItem[];
  canRun: boolean;
  canAnswer: boolean;
}) {
  const router = useRouter();
  const qc = useQueryClient();
  const key = queryKeys.drill(workspaceSlug, initialData.drill.id);
  const { data } = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<DrillPage>(workspaceUrl(workspaceSlug, "drills", initialData.drill.id), { signal }),
    initialData,
    refetchInterval: (q) => (q.state.data?.drill.status === "running" ? 1_500 : false),
  });
  const d = data.drill;
  const [pending, start] = useTransition();
  const [fault, setFault] = useState(`${injectableFaults[0].system}/${injectableFaults[0].failure}`);
  const [cause, setCause] = useState(causes[0] ?? "");

  function run(fn: () => Promise<{ ok: true } | { ok: false; error: string }>, done?: string) {
    start(async () => {
      const r = await fn();
      if (!r.ok) return void toast.error(r.error);
      if (done) toast.success(done);
      await qc.invalidateQueries({ queryKey: key });
      router.refresh();
    });
  }
  const accept = (c: string) => run(() => acceptDrillDiagnosisAction(workspaceSlug, d.id, c), `Diagnosis accepted: ${c}`);
  const rerun = () =>
    start(async () => {
      const r = await createDrillAction(workspaceSlug, { rerunOf: d.id });
      if (!r.ok) return void toast.error(r.error);
      router.push(`${basePath}/drills/${r.data.id}`);
    });

  return (
    <div className="mx-auto w-full max-w-5xl space-y-4" data-testid="drill-page" data-status={d.status} data-hydrated="true">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-muted-foreground text-sm">
            <Link href={`${basePath}/drills`} className="hover:underline">
              Game days
            </Link>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">{d.title}</h1>
          <p className="text-muted-foreground text-sm">
            {d.scenarioName} · {d.difficulty} · {d.speed}× · seed {d.seed} · AI assistance {d.aiAssistance ? "on" : "off"} · facilitated by {d.facilitator}
          </p>
          <p className="text-sm">Participants: {d.participants.map((p) => p.name).join(", ") || "—"}</p>
        </div>
        <Badge variant={d.status === "running" ? "default" : "secondary"} data-testid="drill-status">
          {d.status}
        </Badge>
      </div>

      {canRun ? (
        <Card data-testid="drill-controls">
          <CardHeader>
            <CardTitle className="text-base">Control</CardTitle>
            <CardDescription>
              {d.status === "planned"
                ? "Start when the participants are ready: the incident reaches the board through intake, like a real one."
                : d.status === "running"
                  ? `Running since ${d.startedAt ? new Date(d.startedAt).toLocaleTimeString() : "—"} · world ${d.simulationStatus ?? "—"}${d.injections.length ? ` · ${d.injections.length} fault(s) injected` : ""}.`
                  : `Ended ${d.endedAt ? new Date(d.endedAt).toLocaleString() : ""}.`}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-wrap items-center gap-2">
            {d.status === "planned" ? (
              <Button onClick={() => run(() => startDrillAction(workspaceSlug, d.id), "Drill started")} disabled={pending} data-testid="drill-start">
                Start drill
              </Button>
            ) : null}
            {d.status === "running" ? (
              <>
                <select className={field} value={fault} onChange={(e) => setFault(e.target.value)} aria-label="Fault to inject">
                  {injectableFaults.map((f) => (
                    <option key={`${f.system}/${f.failure}`} value={`${f.system}/${f.failure}`}>
                      {f.label}
                    </option>
                  ))}
                </select>
                <Button
                  variant="outline"
                  disabled={pending}
                  onClick={() => {
                    const [system, failure] = fault.split("/");
                    run(() => injectDrillFaultAction(workspaceSlug, d.id, system, failure), "Second fault injected");
                  }}
                  data-testid="drill-inject"
                >
                  Inject second fault
                </Button>
                <Button variant="destructive" onClick={() => run(() => endDrillAction(workspaceSlug, d.id), "Drill ended and scored")} disabled={pending} data-testid="drill-end">
                  End and score
                </Button>
              </>
            ) : null}
            {d.status === "ended" ? (
              <Button variant="outline" onClick={rerun} disabled={pending} data-testid="drill-rerun">
                Re-run on the same seed
              </Button>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      {d.status !== "planned" ? (
        <Card data-testid="drill-incident">
          <CardHeader>
            <CardTitle className="text-base">Incident</CardTitle>
            <CardDescription>Work it from the board or its page: acknowledge, diagnose, remediate with the SRE agent.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-3 text-sm">
            {d.incidentId ? (
              <p>
                <Link href={`${basePath}/incidents/${d.incidentId}`} className="font-medium underline underline-offset-2" data-testid="drill-incident-link">
                  INC-{d.incidentNumber}
                </Link>{" "}
                · {d.incidentStatus}
              </p>
            ) : (
              <p className="text-muted-foreground" data-testid="drill-waiting">
                {d.status === "running" ? "Waiting for the first alert…" : "No incident opened."}
              </p>
            )}
            <div data-testid="drill-diagnosis">
              <p className="font-medium">Accepted diagnosis: {d.acceptedCause ? <span data-testid="drill-accepted-cause">{d.acceptedCause}</span> : "none yet"}</p>
              {d.acceptedByName ? <p className="text-muted-foreground text-xs">by {d.acceptedByName}</p> : null}
              {d.status === "running" && d.incidentId && canAnswer ? (
                <div className="mt-2 space-y-2">
                  {data.hypotheses.length ? (
                    <ul className="divide-y rounded-md border">
                      {data.hypotheses.map((h) => (
                        <li key={h.cause + h.title} className="flex items-center gap-2 px-3 py-1.5" data-testid="drill-hypothesis">
                          <span className="min-w-0 flex-1">
                            {h.title} <span className="text-muted-foreground text-xs">({h.cause}, {Math.round(h.confidence * 100)}%)</span>
                          </span>
                          <Button size="sm" variant="outline" onClick={() => accept(h.cause)} disabled={pending}>
                            Accept
                          </Button>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <div className="flex flex-wrap items-center gap-2">
                    <select className={field} value={cause} onChange={(e) => setCause(e.target.value)} aria-label="Root cause" data-testid="drill-cause">
                      {causes.map((c) => (
                        <option key={c}>{c}</option>
                      ))}
                    </select>
                    <Button size="sm" onClick={() => accept(cause)} disabled={pending} data-testid="drill-accept">
                      Accept this cause
                    </Button>
                  </div>
                </div>
              ) : null}
            </div>
          </CardContent>
        </Card>
      ) : null}

      {d.score ? (
        <Card data-testid="drill-score">
          <CardHeader>
            <CardTitle className="text-base">
              Score: <span data-testid="drill-total">{d.score.total}</span> / {d.score.max}
            </CardTitle>
            <CardDescription>
              Root cause: {d.expectedRootCause} · expected actions: {d.expectedActions?.join(", ")}
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-3">
            <ul className="divide-y rounded-md border text-sm">
              {d.score.criteria.map((c) => (
                <li key={c.key} className="flex items-start gap-3 px-3 py-2" data-testid="drill-criterion" data-key={c.key} data-points={c.points}>
                  <span className="w-40 shrink-0 font-medium">{c.label}</span>
                  <span className="text-muted-foreground min-w-0 flex-1">{c.detail}</span>
                  <span className="w-14 text-right font-semibold tabular-nums">
                    {c.points}/{c.max}
                  </span>
                </li>
              ))}
            </ul>
            <p className="text-muted-foreground text-xs">
              Time to acknowledge {formatDuration(d.score.timeToAcknowledgeSeconds)} · time to the correct diagnosis {formatDuration(d.score.timeToDiagnosisSeconds)}
            </p>
            {d.debrief ? (
              <div>
                <h3 className="mb-1 text-sm font-semibold">Debrief</h3>
                <pre className="bg-muted/50 rounded-md p-3 font-sans text-sm whitespace-pre-wrap" data-testid="drill-debrief">
                  {d.debrief}
                </pre>
              </div>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      {sameSeed.length > 1 ? (
        <Card data-testid="drill-compare">
          <CardHeader>
            <CardTitle className="text-base">Runs on the same seed</CardTitle>
            <CardDescription>The same scenario and seed: the world behaves the same, so scores compare.</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="divide-y text-sm">
              {sameSeed.map((r) => (
                <li key={r.id} className="flex items-center gap-3 py-1.5">
                  <Link href={`${basePath}/drills/${r.id}`} className="min-w-0 flex-1 hover:underline">
                    {r.title} <span className="text-muted-foreground text-xs">· {new Date(r.createdAt).toLocaleString()} · {r.participants.map((p) => p.name).join(", ")}</span>
                  </Link>
                  <span className="font-semibold tabular-nums">{r.totalScore ?? "—"}</span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
