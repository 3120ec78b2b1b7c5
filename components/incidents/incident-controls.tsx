"use client";

import * as React from "react";
import { CheckIcon, Loader2Icon } from "lucide-react";
import type { IncidentStatus, Severity } from "@/db/schema";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { SeverityBadge, severityLabels } from "@/components/incidents/severity-badge";
import { StatusBadge, statusLabels } from "@/components/incidents/status-badge";
import { changeStatusAction } from "@/lib/actions/incidents/change-status";
import { updateIncidentAction } from "@/lib/actions/incidents/update-incident";
import type { IncidentDto } from "@/lib/incidents/shared";
import type { UpdateIncidentInput } from "@/lib/incidents/shared";
import { useIncidentContext } from "./incident-context";
import { useIncidentWrite } from "./incident-state";
import { TagInput } from "@/components/common/tag-input";
import { ResolveDialog, type Resolution } from "./resolve-dialog";
import { SeverityPolicyLine } from "@/components/sla/severity-policy-line";

export const isOpenStatus = (s: IncidentStatus) => s === "triage" || s === "investigating" || s === "fixing";

const statuses = Object.keys(statusLabels) as IncidentStatus[];
const severities = Object.keys(severityLabels) as Severity[];

/** Status, severity, team and affected systems; every write carries the version on screen. */
export function IncidentControls({ incident, teams, services }: { incident: IncidentDto; teams: string[]; services: string[] }) {
  const { workspaceSlug, incidentId, canWrite } = useIncidentContext();
  const { run, pending } = useIncidentWrite();
  const [team, setTeam] = React.useState(incident.team ?? "");
  const teamDirty = team.trim() !== (incident.team ?? "");
  const teamListId = React.useId();

  // Someone else's change (or a reload) replaces an untouched team field.
  const [shownTeam, setShownTeam] = React.useState(incident.team);
  if (shownTeam !== incident.team) {
    if (team.trim() === (shownTeam ?? "")) setTeam(incident.team ?? "");
    setShownTeam(incident.team);
  }

  const [resolving, setResolving] = React.useState(false);
  const changeStatus = (status: IncidentStatus, resolution?: Resolution) => {
    if (status === incident.status) return;
    // Resolving an open incident asks what ended it and why (both optional).
    if (status === "resolved" && !resolution && isOpenStatus(incident.status)) {
      setResolving(true);
      return;
    }
    const version = incident.version;
    return run(version, () => changeStatusAction(workspaceSlug, incidentId, { status, version, resolution }));
  };
  const update = (fields: Omit<UpdateIncidentInput, "version">, message?: string) => {
    const version = incident.version;
    return run(version, () => updateIncidentAction(workspaceSlug, incidentId, { ...fields, version }), message);
  };
  const saveTeam = async () => {
    // One write at a time: a second one would still carry the version the first is replacing.
    if (!teamDirty || pending) return;
    await update({ team: team.trim() || null }, "Team saved");
  };

  return (
    <div className="space-y-4" data-testid="incident-controls">
      <ResolveDialog
        open={resolving}
        onOpenChange={setResolving}
        incidentKey={incident.key}
        title={incident.title}
        pending={pending}
        onResolve={async (resolution) => {
          if (await changeStatus("resolved", resolution)) setResolving(false);
        }}
      />
      <div className="grid grid-cols-2 gap-3">
        <div className="space-y-1.5">
          <Label htmlFor="incident-status">Status</Label>
          <Select value={incident.status} onValueChange={(v) => void changeStatus(v as IncidentStatus)} disabled={!canWrite || pending}>
            <SelectTrigger id="incident-status" data-testid="incident-status-select" className="w-full" aria-label="Status">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {statuses.map((s) => (
                <SelectItem key={s} value={s} data-testid={`status-option-${s}`}>
                  <StatusBadge status={s} />
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="incident-severity">Severity</Label>
          <Select value={incident.severity} onValueChange={(v) => v !== incident.severity && void update({ severity: v as Severity })} disabled={!canWrite || pending}>
            <SelectTrigger id="incident-severity" data-testid="incident-severity-select" className="w-full" aria-label="Severity">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {severities.map((s) => (
                <SelectItem key={s} value={s} data-testid={`severity-option-${s}`}>
                  <SeverityBadge severity={s} />
                  <span className="text-muted-foreground text-xs">{severityLabels[s]}</span>
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <SeverityPolicyLine severity={incident.severity} />
        </div>
      </div>

      <div className="space-y-1.5">
        <Label htmlFor="incident-team">Team</Label>
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void saveTeam();
          }}
        >
          <Input
            id="incident-team"
            data-testid="incident-team-input"
            value={team}
            onChange={(e) => setTeam(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setTeam(incident.team ?? "")}
            placeholder={canWrite ? "Unassigned" : "—"}
            readOnly={!canWrite}
            list={teamListId}
            maxLength={100}
          />
          <datalist id={teamListId}>
            {teams.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          {canWrite && teamDirty && (
            <Button type="submit" size="icon" variant="secondary" disabled={pending} aria-label="Save team" data-testid="incident-team-save">
              {pending ? <Loader2Icon className="animate-spin" /> : <CheckIcon />}
            </Button>
          )}
        </form>
      </div>

      <div className="space-y-1.5">
        <Label htmlFor="incident-affected">Affected systems</Label>
        <TagInput
          id="incident-affected"
          data-testid="incident-affected-systems"
          value={incident.affectedSystems}
          onChange={(next) => void update({ affectedSystems: next })}
          disabled={!canWrite}
          busy={pending}
          placeholder="Add a system and press Enter"
          suggestions={services}
        />
      </div>
    </div>
  );
}
