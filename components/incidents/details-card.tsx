"use client";

import * as React from "react";
import { BracesIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { IncidentDto } from "@/lib/incidents/shared";
import { TimeAgo } from "@/components/incidents/time-ago";
import { LocalTime } from "./local-time";

const typeLabels: Record<IncidentDto["incidentType"], string> = { real: "Real", synthetic: "Synthetic", training: "Training" };
const modeLabels: Record<IncidentDto["remediationMode"], string> = { automated: "Automated", manual: "Manual", advisory: "Advisory" };
const actorKindLabels: Record<IncidentDto["createdByKind"], string> = { user: "user", guest: "guest", api_key: "API key", system: "system" };

function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="flex flex-col">
      <LocalTime iso={iso} />
      <TimeAgo date={iso} style="long" className="text-muted-foreground text-xs" />
    </span>
  );
}

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[8.5rem_minmax(0,1fr)] gap-2 py-1.5 text-sm" data-testid={testId}>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** What a responder uses; everything else (type, remediation, source, fingerprint, version…) is under Raw. */
export function DetailsCard({ incident }: { incident: IncidentDto }) {
  const [raw, setRaw] = React.useState(false);
  const drill = incident.incidentType !== "real";
  return (
    <div className="space-y-2">
      <dl className="divide-border divide-y" data-testid="incident-details">
        <Row label="Service" testId="detail-service">
          <span className="font-mono text-[13px]">{incident.service}</span>
        </Row>
        {incident.affectedSystems.length > 0 && (
          <Row label="Affected">
            <span className="flex flex-wrap gap-1">
              {incident.affectedSystems.map((s) => (
                <span key={s} className="bg-secondary rounded px-1.5 font-mono text-[11px]">
                  {s}
                </span>
              ))}
            </span>
          </Row>
        )}
        <Row label="Events" testId="detail-event-count">
          <span className="tabular-nums">{incident.eventCount.toLocaleString("en")}</span>
          {!incident.receivesIntake && <span className="text-muted-foreground block text-xs">Intake never attaches events to it</span>}
        </Row>
        <Row label={drill ? "First event (drill time)" : "First event"}>
          <When iso={incident.firstEventAt} />
        </Row>
        <Row label={drill ? "Last event (drill time)" : "Last event"}>
          <When iso={incident.lastEventAt} />
        </Row>
        <Row label="Opened by">
          {incident.createdByName} <span className="text-muted-foreground text-xs">({actorKindLabels[incident.createdByKind]}, {incident.generatedBy})</span>
        </Row>
        <Row label="Opened">
          <When iso={incident.createdAt} />
        </Row>
        {incident.acknowledgedAt && (
          <Row label="Acknowledged">
            <When iso={incident.acknowledgedAt} />
          </Row>
        )}
        {incident.resolvedAt && (
          <Row label="Resolved">
            <When iso={incident.resolvedAt} />
          </Row>
        )}
        {incident.closedAt && (
          <Row label="Closed">
            <When iso={incident.closedAt} />
          </Row>
        )}
      </dl>
      {drill && (
        <p className="text-muted-foreground text-xs" data-testid="detail-world-time">
          Drill events carry the simulated world&apos;s clock, which a sped-up drill runs ahead of yours.
        </p>
      )}
      <Button variant="ghost" size="sm" className="h-7 px-2" aria-expanded={raw} onClick={() => setRaw((v) => !v)} data-testid="details-raw-toggle">
        <BracesIcon /> {raw ? "Hide raw" : "Raw"}
      </Button>
      {raw && (
        <div className="space-y-2" data-testid="details-raw">
          <dl className="divide-border divide-y">
            <Row label="Incident type">{typeLabels[incident.incidentType]}</Row>
            <Row label="Remediation">{modeLabels[incident.remediationMode]}</Row>
            <Row label="Actionable">{incident.actionable ? "Yes" : "No"}</Row>
            <Row label="Receives intake" testId="detail-receives-intake">
              {incident.receivesIntake ? "Yes: events and alerts for this service attach here" : "No: intake never attaches to it"}
            </Row>
            <Row label="Source">{incident.source}</Row>
            {incident.fingerprint && (
              <Row label="Fingerprint">
                <span className="font-mono text-xs break-all">{incident.fingerprint}</span>
              </Row>
            )}
            <Row label="Last updated">
              <When iso={incident.updatedAt} />
            </Row>
            <Row label="Version">
              <span className="font-mono text-xs tabular-nums">v{incident.version}</span>
            </Row>
          </dl>
          <pre className="bg-muted/50 max-h-72 overflow-auto rounded-md p-2 font-mono text-[11px] whitespace-pre-wrap">
            {JSON.stringify(incident.metadata, null, 2)}
          </pre>
        </div>
      )}
    </div>
  );
}
