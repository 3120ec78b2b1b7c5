"use client";

import * as React from "react";
import { CircleCheckIcon } from "lucide-react";
import type { IncidentStatus, SlaPolicy } from "@/db/schema";
import { computeSla, describeClock, type IncidentDto, type SlaClock } from "@/lib/incidents/shared";
import { cn } from "@/lib/utils";
import { SeverityBadge } from "./severity-badge";
import { StatusBadge } from "./status-badge";
import { useTickingNow } from "./local-time";

/** What the responders should do next, by status (the header's one-click button does it). */
const nextMove: Record<IncidentStatus, string> = {
  triage: "Acknowledge it and take ownership",
  investigating: "Find the cause, then start fixing",
  fixing: "Apply the fix, confirm recovery, then resolve",
  resolved: "Write up what happened, then close",
  closed: "Nothing: the incident is closed",
};

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 space-y-1" data-testid={testId}>
      <dt className="text-muted-foreground text-[11px] font-medium tracking-wide uppercase">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

function clockText(name: string, c: SlaClock): { text: string; tone: string } {
  const share = 1 - c.remainingMs / (c.targetMinutes * 60_000);
  const tone =
    c.state === "breached" ? "text-destructive" : c.state === "met" ? "text-emerald-700 dark:text-emerald-400" : share >= 0.75 ? "text-amber-700 dark:text-amber-400" : "";
  return { text: `${name} ${describeClock(c)}`, tone };
}

/**
 * The incident's first screen: status, severity, owner, SLA, the latest diagnosis in short (a slot,
 * owned by the diagnosis feature) and what to do next. Everything else is in the sections below.
 */
export function IncidentOverview({
  incident,
  slaPolicy,
  serverNow,
  diagnosis,
}: {
  incident: IncidentDto;
  slaPolicy: SlaPolicy;
  serverNow: string;
  diagnosis?: React.ReactNode;
}) {
  const now = useTickingNow(serverNow);
  const sla = computeSla(
    {
      severity: incident.severity,
      createdAt: new Date(incident.createdAt),
      acknowledgedAt: incident.acknowledgedAt ? new Date(incident.acknowledgedAt) : null,
      resolvedAt: incident.resolvedAt ? new Date(incident.resolvedAt) : null,
    },
    slaPolicy,
    now,
  );
  const done = incident.status === "resolved" || incident.status === "closed";
  // The clock that matters now: response until acknowledged, then resolution.
  const clock = incident.acknowledgedAt || done ? clockText("Resolution", sla.resolution) : clockText("Response", sla.response);
  return (
    <section className="bg-card text-card-foreground rounded-xl border shadow-xs" data-testid="incident-overview">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 border-b px-4 py-3 sm:grid-cols-4">
        <Fact label="Status" testId="overview-status">
          <StatusBadge status={incident.status} />
        </Fact>
        <Fact label="Severity" testId="overview-severity">
          <SeverityBadge severity={incident.severity} withLabel />
        </Fact>
        <Fact label="Owner" testId="overview-owner">
          {incident.team ? <span className="font-medium">{incident.team}</span> : <span className="text-muted-foreground">No team yet</span>}
        </Fact>
        <Fact label="SLA" testId="overview-sla">
          <span className={cn("font-medium", clock.tone)}>{clock.text}</span>
        </Fact>
      </dl>
      <div className="space-y-3 px-4 py-3">
        {(incident.resolutionSummary || incident.resolutionCause) && (
          <div className="rounded-lg border border-emerald-500/30 bg-emerald-500/5 p-3 text-sm" data-testid="incident-resolution">
            <div className="mb-1 flex items-center gap-1.5 font-medium text-emerald-800 dark:text-emerald-300">
              <CircleCheckIcon className="size-4" aria-hidden /> Resolution
            </div>
            {incident.resolutionSummary && <p className="break-words whitespace-pre-wrap" data-testid="incident-resolution-summary">{incident.resolutionSummary}</p>}
            {incident.resolutionCause && (
              <p className="text-muted-foreground mt-1 break-words" data-testid="incident-resolution-cause">
                <span className="text-foreground font-medium">Cause:</span> {incident.resolutionCause}
              </p>
            )}
          </div>
        )}
        {diagnosis && (
          <div className="space-y-1.5" data-testid="overview-diagnosis">
            <h2 className="text-muted-foreground text-[11px] font-medium tracking-wide uppercase">What we think</h2>
            {diagnosis}
          </div>
        )}
        <div className="flex flex-wrap items-baseline gap-x-2 text-sm" data-testid="overview-next-step">
          <span className="text-muted-foreground text-[11px] font-medium tracking-wide uppercase">Next</span>
          <span>{nextMove[incident.status]}</span>
        </div>
      </div>
    </section>
  );
}

/** Links to the incident's sections, kept in view under the app header while the page scrolls. */
export function SectionNav({ sections, inDialog }: { sections: { id: string; label: string }[]; inDialog: boolean }) {
  return (
    <nav
      aria-label="Incident sections"
      data-testid="incident-section-nav"
      className={cn(
        "bg-background/90 supports-[backdrop-filter]:bg-background/75 z-20 -mx-1 flex gap-1 overflow-x-auto px-1 py-1 backdrop-blur",
        !inDialog && "sticky top-14",
      )}
    >
      {sections.map((s) => (
        <a
          key={s.id}
          href={`#${s.id}`}
          className="text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:ring-ring/50 shrink-0 rounded-md px-2.5 py-1 text-sm font-medium whitespace-nowrap outline-none focus-visible:ring-[3px]"
        >
          {s.label}
        </a>
      ))}
    </nav>
  );
}
