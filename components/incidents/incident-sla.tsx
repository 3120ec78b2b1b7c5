"use client";

import { CircleCheckIcon, ClockIcon, TimerOffIcon } from "lucide-react";
import type { SlaPolicy } from "@/db/schema";
import type { IncidentDto } from "@/lib/incidents/shared";
import { computeSla, describeClock, formatMinutes, type SlaClock } from "@/lib/incidents/shared";
import { cn } from "@/lib/utils";
import { LocalTime, useTickingNow } from "./local-time";

const stateStyles: Record<SlaClock["state"], { label: string; pill: string; bar: string; Icon: typeof ClockIcon }> = {
  running: { label: "On track", pill: "bg-sky-500/10 text-sky-700 dark:text-sky-300 border-sky-500/30", bar: "bg-sky-500", Icon: ClockIcon },
  met: { label: "Met", pill: "bg-emerald-500/10 text-emerald-700 dark:text-emerald-300 border-emerald-500/30", bar: "bg-emerald-500", Icon: CircleCheckIcon },
  breached: { label: "Breached", pill: "bg-destructive/10 text-destructive border-destructive/30", bar: "bg-destructive", Icon: TimerOffIcon },
};

function ClockRow({ name, clock, testId }: { name: string; clock: SlaClock; testId: string }) {
  const style = stateStyles[clock.state];
  const elapsed = clock.targetMinutes * 60_000 - clock.remainingMs;
  const share = Math.min(1, Math.max(0, elapsed / (clock.targetMinutes * 60_000)));
  const atRisk = clock.state === "running" && share >= 0.75;
  return (
    <div data-testid={testId} data-state={clock.state} className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        <div className="text-sm font-medium">
          {name} <span className="text-muted-foreground font-normal">· {formatMinutes(clock.targetMinutes)}</span>
        </div>
        <span className={cn("inline-flex items-center gap-1 rounded-md border px-1.5 py-0.5 text-[11px] font-medium", style.pill, atRisk && "border-amber-500/40 bg-amber-500/10 text-amber-700 dark:text-amber-300")}>
          <style.Icon className="size-3" aria-hidden />
          {atRisk ? "At risk" : clock.stoppedAt && clock.state === "breached" ? "Missed" : style.label}
        </span>
      </div>
      <div className="bg-muted h-1.5 overflow-hidden rounded-full" aria-hidden>
        <div className={cn("h-full rounded-full transition-[width]", atRisk ? "bg-amber-500" : style.bar)} style={{ width: `${Math.max(2, share * 100)}%` }} />
      </div>
      <div className="text-muted-foreground flex flex-wrap justify-between gap-x-2 text-xs">
        <span className={cn(clock.state === "breached" && "text-destructive font-medium")}>{describeClock(clock)}</span>
        <span>
          due <LocalTime iso={clock.dueAt.toISOString()} />
        </span>
      </div>
    </div>
  );
}

/** Response and resolution clocks of the incident against its workspace's policy, ticking live. */
export function IncidentSla({ incident, policy, serverNow }: { incident: IncidentDto; policy: SlaPolicy; serverNow: string }) {
  const now = useTickingNow(serverNow);
  const sla = computeSla(
    {
      severity: incident.severity,
      createdAt: new Date(incident.createdAt),
      acknowledgedAt: incident.acknowledgedAt ? new Date(incident.acknowledgedAt) : null,
      resolvedAt: incident.resolvedAt ? new Date(incident.resolvedAt) : null,
    },
    policy,
    now,
  );
  return (
    <div className="space-y-4" data-testid="incident-sla">
      <ClockRow name="Response" clock={sla.response} testId="incident-sla-response" />
      <ClockRow name="Resolution" clock={sla.resolution} testId="incident-sla-resolution" />
      <p className="text-muted-foreground text-xs">
        {incident.severity} targets of this workspace. Response stops when the incident leaves triage; resolution when it is resolved.
      </p>
    </div>
  );
}
