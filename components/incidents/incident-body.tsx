"use client";

import * as React from "react";
import Link from "next/link";
import { ArrowLeftIcon, ExternalLinkIcon, FileQuestionIcon, Loader2Icon, RefreshCwIcon } from "lucide-react";
import type { IncidentStatus } from "@/db/schema";
import { Button } from "@/components/ui/button";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { StatusBadge } from "@/components/incidents/status-badge";
import { TimeAgo } from "@/components/incidents/time-ago";
import { changeStatusAction } from "@/lib/actions/incidents/change-status";
import type { IncidentDto, IncidentPayload, TimelinePayload } from "@/lib/incidents/shared";
import { cn } from "@/lib/utils";
import { ConflictBanner } from "./conflict-banner";
import { DeleteIncidentButton } from "./delete-incident-button";
import { IncidentContextProvider, useIncidentContext, type IncidentContextValue } from "./incident-context";
import { IncidentControls } from "./incident-controls";
import { DetailsCard } from "./details-card";
import { IncidentMetadata, hasMetadata } from "./incident-metadata";
import { IncidentSla } from "./incident-sla";
import { IncidentEditStateProvider, useEditState, useIncidentQuery, useIncidentWrite, useTimelineQuery } from "./incident-state";
import { FetchError } from "@/lib/api/client";
import { IncidentTimeline } from "./incident-timeline";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { SlaPolicyDialog } from "./sla-policy-dialog";
import { WorkingNotes } from "./working-notes";
import { ResolveDialog, type Resolution } from "./resolve-dialog";
import { IncidentOverview, SectionNav } from "./incident-overview";
import { IncidentRunbooks } from "@/components/runbooks/incident-runbooks";
import { PostmortemButton } from "@/components/postmortems/postmortem-button";
import { CommsTemplates } from "@/components/sla/comms-templates";
import { IncidentOncallPanel } from "@/components/oncall/incident-oncall-panel";
import { WarRoom } from "@/components/warroom/war-room";

/** Places where other features render inside the incident screen (see IncidentScreen). */
export type IncidentSlots = {
  /** Who else is looking at this incident (PresenceBar). */
  presence?: React.ReactNode;
  /** Raw events attached to the incident (IncidentEvents). */
  events?: React.ReactNode;
  /** AI diagnosis (DiagnosisPanel). */
  diagnosis?: React.ReactNode;
  /** The SRE agent's plans (AgentPanel). */
  agent?: React.ReactNode;
  /** Live metrics of a simulated incident (IncidentMetrics). */
  simulation?: React.ReactNode;
  /** The latest diagnosis in short, on the first screen (DiagnosisSummary). */
  diagnosisSummary?: React.ReactNode;
};

const nextStep: Record<IncidentStatus, { to: IncidentStatus; label: string }> = {
  triage: { to: "investigating", label: "Acknowledge" },
  investigating: { to: "fixing", label: "Start fixing" },
  fixing: { to: "resolved", label: "Resolve" },
  resolved: { to: "closed", label: "Close" },
  closed: { to: "investigating", label: "Reopen" },
};

const typeLabels: Record<IncidentDto["incidentType"], string> = { real: "Real", synthetic: "Synthetic", training: "Training" };

function Section({
  title,
  description,
  children,
  className,
  testId,
  id,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  testId?: string;
  id?: string;
}) {
  return (
    <section id={id} className={cn("bg-card text-card-foreground scroll-mt-20 rounded-xl border shadow-xs", className)} data-testid={testId}>
      <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 border-b px-4 py-3">
        <h2 className="text-sm font-semibold">{title}</h2>
        {description && <div className="text-muted-foreground text-xs">{description}</div>}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}

function NextStepButton({ incident }: { incident: IncidentDto }) {
  const { workspaceSlug, incidentId } = useIncidentContext();
  const { run, pending } = useIncidentWrite();
  const step = nextStep[incident.status];
  const [resolving, setResolving] = React.useState(false);
  const move = (resolution?: Resolution) => {
    const version = incident.version;
    return run(version, () => changeStatusAction(workspaceSlug, incidentId, { status: step.to, version, resolution }));
  };
  return (
    <>
    <ResolveDialog
      open={resolving}
      onOpenChange={setResolving}
      incidentKey={incident.key}
      title={incident.title}
      pending={pending}
      onResolve={async (resolution) => {
        if (await move(resolution)) setResolving(false);
      }}
    />
    <Button
      size="sm"
      variant={incident.status === "fixing" ? "default" : "secondary"}
      disabled={pending}
      data-testid="incident-next-step"
      onClick={() => {
        // Resolving asks what ended it and why (both optional) before it moves.
        if (step.to === "resolved") setResolving(true);
        else void move();
      }}
    >
      {pending && <Loader2Icon className="animate-spin" />}
      {step.label}
    </Button>
    </>
  );
}

function Gone() {
  const { boardHref } = useIncidentContext();
  return (
    <div className="flex flex-col items-center gap-3 py-20 text-center" data-testid="incident-gone">
      <FileQuestionIcon className="text-muted-foreground size-10" aria-hidden />
      <h1 className="text-lg font-semibold">This incident no longer exists</h1>
      <p className="text-muted-foreground max-w-sm text-sm">Someone deleted it, or it was never in this workspace.</p>
      <Button asChild variant="outline">
        <Link href={boardHref}>Back to the board</Link>
      </Button>
    </div>
  );
}

function Screen({
  initialIncident,
  initialTimeline,
  teams,
  services,
  serverNow,
  slots,
}: {
  initialIncident: IncidentPayload;
  initialTimeline: TimelinePayload;
  teams: string[];
  services: string[];
  serverNow: string;
  slots: IncidentSlots;
}) {
  const ctx = useIncidentContext();
  const { deleted } = useEditState();
  const hydrated = useHydrated();
  const incidentQuery = useIncidentQuery(initialIncident, !deleted);
  const timelineQuery = useTimelineQuery(initialTimeline, !deleted);
  const gone = incidentQuery.error instanceof FetchError && incidentQuery.error.status === 404;
  if (gone) return <Gone />;

  const { incident, slaPolicy } = incidentQuery.data;
  const fullPageHref = `${ctx.basePath}/incidents/${incident.id}`;

  return (
    <div
      data-testid="incident-screen"
      data-hydrated={hydrated ? "true" : undefined}
      data-incident-id={incident.id}
      data-version={incident.version}
      data-status={incident.status}
      className="space-y-5"
    >
      <header className="space-y-3">
        <div className={cn("flex flex-wrap items-center justify-between gap-2", ctx.inDialog && "pr-8")}>
          <div className="flex min-w-0 items-center gap-2 text-sm">
            {!ctx.inDialog && (
              <Button asChild variant="ghost" size="sm" className="-ml-2 h-7 px-2">
                <Link href={ctx.boardHref}>
                  <ArrowLeftIcon />
                  Board
                </Link>
              </Button>
            )}
            <span data-testid="incident-key" className="text-muted-foreground font-mono font-medium">
              {incident.key}
            </span>
            <span className="text-muted-foreground hidden sm:inline">
              · opened <TimeAgo date={incident.createdAt} style="long" /> by {incident.createdByName}
            </span>
          </div>
          <div className="flex items-center gap-2">
            {slots.presence}
            {ctx.canWrite && <NextStepButton incident={incident} />}
            <PostmortemButton workspaceSlug={ctx.workspaceSlug} incidentId={incident.id} status={incident.status} basePath={ctx.basePath} />
            {ctx.inDialog && (
              // A plain link, so the full page loads instead of this dialog being intercepted again.
              <Button asChild variant="ghost" size="sm">
                <a href={fullPageHref} data-testid="incident-open-full">
                  <ExternalLinkIcon />
                  <span className="sr-only sm:not-sr-only">Full page</span>
                </a>
              </Button>
            )}
            {ctx.canDelete && <DeleteIncidentButton incidentKey={incident.key} title={incident.title} />}
          </div>
        </div>
        <h1 data-testid="incident-title" className={cn("text-xl font-semibold tracking-tight text-balance sm:text-2xl", ctx.inDialog && "pr-8")}>
          {incident.title}
        </h1>
        <div className="flex flex-wrap items-center gap-1.5">
          <SeverityBadge severity={incident.severity} withLabel />
          <StatusBadge status={incident.status} />
          <span className="bg-secondary text-secondary-foreground inline-flex h-5 items-center rounded-md px-1.5 font-mono text-[11px]">{incident.service}</span>
          {incident.team && <span className="text-muted-foreground inline-flex h-5 items-center rounded-md border px-1.5 text-[11px]">{incident.team}</span>}
          {incident.incidentType !== "real" && (
            <span className="inline-flex h-5 items-center rounded-md border border-violet-500/30 bg-violet-500/10 px-1.5 text-[11px] text-violet-700 dark:text-violet-300">
              {typeLabels[incident.incidentType]}
            </span>
          )}
          {!ctx.canWrite && <span className="text-muted-foreground ml-1 text-xs">Read-only: your role is {ctx.viewer.role}</span>}
          {timelineQuery.isFetching && !timelineQuery.isLoading && <RefreshCwIcon className="text-muted-foreground size-3 animate-spin" aria-label="Refreshing" />}
        </div>
      </header>

      <ConflictBanner />

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-5 lg:col-start-1 lg:row-start-1">
          <IncidentOverview incident={incident} slaPolicy={slaPolicy} serverNow={serverNow} diagnosis={slots.diagnosisSummary} />
        </div>

        {/* Wide screens: the side column stays in view while the sections scroll. Phones: right after the overview. */}
        <aside
          className={cn(
            "min-w-0 space-y-5 self-start lg:col-start-2 lg:row-span-2 lg:row-start-1",
            !ctx.inDialog && "lg:sticky lg:top-[4.5rem] lg:max-h-[calc(100dvh-5.5rem)] lg:overflow-y-auto lg:overscroll-contain",
          )}
          data-testid="incident-side"
        >
          <Section title="Response">
            <IncidentControls incident={incident} teams={teams} services={services} />
          </Section>
          <Section
            title="SLA"
            description={
              <span className="flex items-center gap-1">
                {incident.severity} policy
                {ctx.canConfigure && <SlaPolicyDialog policy={slaPolicy} />}
              </span>
            }
          >
            <IncidentSla incident={incident} policy={slaPolicy} serverNow={serverNow} />
          </Section>
          <Section title="People">
            <IncidentOncallPanel workspaceSlug={ctx.workspaceSlug} incidentId={incident.id} viewerId={ctx.viewer.kind === "user" ? ctx.viewer.id : null} canWrite={ctx.canWrite} />
          </Section>
          <Section title="Details">
            <DetailsCard incident={incident} />
          </Section>
        </aside>

        <div className="min-w-0 space-y-5 lg:col-start-1 lg:row-start-2">
          <SectionNav
            inDialog={ctx.inDialog}
            sections={[
              { id: "description", label: "Description" },
              { id: "timeline", label: `Timeline (${timelineQuery.data.items.length})` },
              { id: "war-room", label: "War room" },
              ...(slots.events ? [{ id: "events", label: "Events" }] : []),
              ...(slots.diagnosis ? [{ id: "diagnosis", label: "Diagnosis" }] : []),
              ...(slots.agent ? [{ id: "agent", label: "Agent" }] : []),
              { id: "runbooks", label: "Runbooks" },
              { id: "communication", label: "Communication" },
              ...(hasMetadata(incident.metadata) || slots.simulation ? [{ id: "metrics", label: "Metrics & context" }] : []),
            ]}
          />
          <Section title="Description" id="description">
            {incident.description ? (
              <p data-testid="incident-description" className="text-sm leading-relaxed break-words whitespace-pre-wrap">
                {incident.description}
              </p>
            ) : (
              <p className="text-muted-foreground text-sm">No description. The timeline carries what is known.</p>
            )}
          </Section>

          <Section
            title="Timeline"
            id="timeline"
            description={`${timelineQuery.data.items.length} ${timelineQuery.data.items.length === 1 ? "entry" : "entries"}`}
          >
            <div className="space-y-5">
              <div className="space-y-2">
                <h3 className="text-sm font-medium">Working notes</h3>
                <p className="text-muted-foreground text-xs">
                  One shared scratchpad for the current state (what we know, who does what); it is overwritten as things change. To record
                  something that happened, add a note to the timeline below: timeline notes are kept in order, with their author and time.
                </p>
                <WorkingNotes incident={incident} />
              </div>
              <IncidentTimeline items={timelineQuery.data.items} />
            </div>
          </Section>

          <div id="war-room" className="scroll-mt-20">
            <WarRoom workspaceSlug={ctx.workspaceSlug} incidentId={incident.id} canWrite={ctx.canWrite} />
          </div>

          {slots.events && <div id="events" className="scroll-mt-20">{slots.events}</div>}
          {slots.diagnosis && <div id="diagnosis" className="scroll-mt-20">{slots.diagnosis}</div>}
          {slots.agent && <div id="agent" className="scroll-mt-20">{slots.agent}</div>}
          <div id="runbooks" className="scroll-mt-20">
            <IncidentRunbooks workspaceSlug={ctx.workspaceSlug} incidentId={incident.id} canWrite={ctx.canWrite} />
          </div>
          <div id="communication" className="scroll-mt-20">
            <CommsTemplates workspaceSlug={ctx.workspaceSlug} incidentId={incident.id} version={incident.version} />
          </div>

          {(hasMetadata(incident.metadata) || slots.simulation) && (
            <div id="metrics" className="scroll-mt-20 space-y-5">
              {slots.simulation}
              {hasMetadata(incident.metadata) && (
                <Section title="Signals and context" testId="incident-signals">
                  <IncidentMetadata metadata={incident.metadata} />
                </Section>
              )}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/** The interactive incident screen: data from react-query (seeded by the server render), edits through server actions. */
export function IncidentBody({
  context,
  initialIncident,
  initialTimeline,
  teams,
  services,
  serverNow,
  slots = {},
}: {
  context: IncidentContextValue;
  initialIncident: IncidentPayload;
  initialTimeline: TimelinePayload;
  teams: string[];
  services: string[];
  serverNow: string;
  slots?: IncidentSlots;
}) {
  return (
    <IncidentContextProvider value={context}>
      <IncidentEditStateProvider>
        <Screen initialIncident={initialIncident} initialTimeline={initialTimeline} teams={teams} services={services} serverNow={serverNow} slots={slots} />
      </IncidentEditStateProvider>
    </IncidentContextProvider>
  );
}
