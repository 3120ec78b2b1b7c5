"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { BellRingIcon, CheckIcon, Loader2Icon, PlusIcon, UserPlusIcon, UsersIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { acknowledgeIncidentAction } from "@/lib/actions/oncall/acknowledge-incident";
import { addIncidentTaskAction } from "@/lib/actions/oncall/add-incident-task";
import { assignLeadToMeAction } from "@/lib/actions/oncall/assign-lead-to-me";
import { setIncidentRolesAction } from "@/lib/actions/oncall/set-incident-roles";
import { updateIncidentTaskAction } from "@/lib/actions/oncall/update-incident-task";
import { roleLabels, singleRoles, type EscalationView, type IncidentOncallView } from "@/lib/oncall/shared";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import { useIncidentOncall } from "./use-incident-oncall";

const selectClass =
  "border-input bg-background h-8 w-full min-w-0 rounded-md border px-2 text-sm shadow-xs focus-visible:ring-ring/50 focus-visible:ring-[3px] outline-none disabled:opacity-60";

const escalationText: Record<EscalationView["status"], string> = {
  paging: "Paging",
  waiting: "Waiting for business hours",
  acknowledged: "Acknowledged",
  exhausted: "Nobody acknowledged",
  stopped: "Stopped",
  skipped: "Not paged (queue)",
};

/**
 * Who is on an incident: lead, scribe, communications lead and responders (handovers go on the
 * timeline), "Assign to me", the escalation's state with "Acknowledge", and follow-up tasks.
 * Self-contained: it loads its own data and reads nothing from the incident screen.
 */
export function IncidentOncallPanel({
  workspaceSlug,
  incidentId,
  viewerId,
  canWrite,
}: {
  workspaceSlug: string;
  incidentId: string;
  /** The signed-in member's user id (null for guests and keys: no "Assign to me"). */
  viewerId: string | null;
  canWrite: boolean;
}) {
  const { data, isPending, error } = useIncidentOncall(workspaceSlug, incidentId);
  const queryClient = useQueryClient();
  const [busy, setBusy] = React.useState<string | null>(null);

  async function run(label: string, fn: () => Promise<{ ok: boolean; error?: string }>, success?: string) {
    setBusy(label);
    try {
      const r = await fn();
      if (!r.ok) toast.error(r.error ?? "That did not work.");
      else if (success) toast.success(success);
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setBusy(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.incidentOncall(workspaceSlug, incidentId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.incidentTimeline(workspaceSlug, incidentId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.incident(workspaceSlug, incidentId), exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications(workspaceSlug) });
    }
  }

  if (isPending) {
    return (
      <div className="text-muted-foreground flex items-center gap-2 text-sm">
        <Loader2Icon className="size-4 animate-spin" /> Loading roles…
      </div>
    );
  }
  if (error || !data) return <p className="text-muted-foreground text-sm">Roles could not be loaded.</p>;

  const holder = (role: string) => data.roles.find((r) => r.role === role);
  const lead = holder("lead");
  const responders = data.roles.filter((r) => r.role === "responder");

  return (
    <div className="space-y-4" data-testid="incident-oncall">
      <EscalationStatus
        escalation={data.escalation}
        canWrite={canWrite}
        busy={busy === "ack"}
        onAcknowledge={() => run("ack", () => acknowledgeIncidentAction(workspaceSlug, incidentId), "Acknowledged: the escalation stopped.")}
      />

      <div className="space-y-2">
        <div className="flex items-center justify-between gap-2">
          <span className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Roles</span>
          {canWrite && viewerId && lead?.userId !== viewerId && (
            <Button size="sm" variant="outline" className="h-7" disabled={busy !== null} data-testid="assign-to-me" onClick={() => run("me", () => assignLeadToMeAction(workspaceSlug, incidentId), "You lead this incident.")}>
              <UserPlusIcon /> Assign to me
            </Button>
          )}
        </div>
        <dl className="grid grid-cols-[8.5rem_1fr] items-center gap-x-2 gap-y-1.5 text-sm">
          {singleRoles.map((role) => (
            <React.Fragment key={role}>
              <dt className="text-muted-foreground">{roleLabels[role]}</dt>
              <dd className="min-w-0">
                {canWrite ? (
                  <select
                    className={selectClass}
                    aria-label={roleLabels[role]}
                    data-testid={`role-${role}`}
                    value={holder(role)?.userId ?? ""}
                    disabled={busy !== null}
                    onChange={(e) => run(role, () => setIncidentRolesAction(workspaceSlug, incidentId, { [role]: e.target.value || null }))}
                  >
                    <option value="">Nobody</option>
                    {data.members.map((m) => (
                      <option key={m.userId} value={m.userId}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span data-testid={`role-${role}`}>{holder(role)?.name ?? "Nobody"}</span>
                )}
              </dd>
            </React.Fragment>
          ))}
        </dl>
        <Responders
          data={data}
          responders={responders.map((r) => r.userId)}
          canWrite={canWrite}
          disabled={busy !== null}
          onChange={(ids) => run("responders", () => setIncidentRolesAction(workspaceSlug, incidentId, { responders: ids }))}
        />
      </div>

      <Tasks
        data={data}
        canWrite={canWrite}
        onAdd={(title, ownerId) => run("task", () => addIncidentTaskAction(workspaceSlug, incidentId, { title, ownerId }))}
        onToggle={(taskId, done) => run("task", () => updateIncidentTaskAction(workspaceSlug, taskId, { done }))}
      />
    </div>
  );
}

function EscalationStatus({ escalation, canWrite, busy, onAcknowledge }: { escalation: EscalationView | null; canWrite: boolean; busy: boolean; onAcknowledge: () => void }) {
  if (!escalation) return null;
  const live = escalation.status === "paging" || escalation.status === "waiting";
  return (
    <div className={cn("rounded-md border p-3 text-sm", live && "border-amber-500/50 bg-amber-500/5")} data-testid="escalation-status">
      <div className="flex items-center justify-between gap-2">
        <span className="flex items-center gap-1.5 font-medium">
          <BellRingIcon className={cn("size-4", live ? "text-amber-600 dark:text-amber-400" : "text-muted-foreground")} />
          {escalationText[escalation.status]}
          {escalation.status === "paging" && escalation.level > 0 && <span className="text-muted-foreground font-normal">· level {escalation.level}</span>}
        </span>
        {live && canWrite && (
          <Button size="sm" className="h-7" disabled={busy} onClick={onAcknowledge} data-testid="acknowledge">
            {busy ? <Loader2Icon className="animate-spin" /> : <CheckIcon />} Acknowledge
          </Button>
        )}
      </div>
      <p className="text-muted-foreground mt-1 text-xs">
        {escalation.policyName ? `Policy "${escalation.policyName}". ` : ""}
        {escalation.status === "acknowledged" && escalation.acknowledgedByName ? `By ${escalation.acknowledgedByName}. ` : ""}
        {escalation.pages.length > 0 ? `Paged: ${[...new Set(escalation.pages.map((p) => p.name))].join(", ")}.` : "Nobody paged yet."}
        {escalation.status === "paging" && escalation.nextAt ? ` Next level at ${new Date(escalation.nextAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}.` : ""}
      </p>
    </div>
  );
}

function Responders({
  data,
  responders,
  canWrite,
  disabled,
  onChange,
}: {
  data: IncidentOncallView;
  responders: string[];
  canWrite: boolean;
  disabled: boolean;
  onChange: (ids: string[]) => void;
}) {
  const others = data.members.filter((m) => !responders.includes(m.userId));
  const name = (id: string) => data.members.find((m) => m.userId === id)?.name ?? "Former member";
  return (
    <div className="space-y-1.5">
      <div className="text-muted-foreground flex items-center gap-1.5 text-sm">
        <UsersIcon className="size-3.5" /> Responders
      </div>
      <div className="flex flex-wrap items-center gap-1.5" data-testid="responders">
        {responders.length === 0 && <span className="text-muted-foreground text-xs">None yet.</span>}
        {responders.map((id) => (
          <Badge key={id} variant="secondary" className="gap-1">
            {name(id)}
            {canWrite && (
              <button type="button" aria-label={`Remove ${name(id)}`} className="hover:text-foreground -mr-0.5 ml-0.5" disabled={disabled} onClick={() => onChange(responders.filter((r) => r !== id))}>
                ×
              </button>
            )}
          </Badge>
        ))}
        {canWrite && others.length > 0 && (
          <select
            className={cn(selectClass, "h-7 w-auto text-xs")}
            aria-label="Add a responder"
            value=""
            disabled={disabled}
            onChange={(e) => e.target.value && onChange([...responders, e.target.value])}
          >
            <option value="">Add…</option>
            {others.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </div>
    </div>
  );
}

function Tasks({
  data,
  canWrite,
  onAdd,
  onToggle,
}: {
  data: IncidentOncallView;
  canWrite: boolean;
  onAdd: (title: string, ownerId: string | null) => Promise<void>;
  onToggle: (taskId: string, done: boolean) => Promise<void>;
}) {
  const [title, setTitle] = React.useState("");
  const [owner, setOwner] = React.useState("");
  const open = data.tasks.filter((t) => !t.done).length;
  return (
    <div className="space-y-2" data-testid="incident-tasks">
      <div className="text-muted-foreground text-xs font-medium tracking-wide uppercase">
        Follow-up tasks {data.tasks.length > 0 && <span className="normal-case">· {open} open</span>}
      </div>
      {data.tasks.length === 0 && <p className="text-muted-foreground text-xs">No tasks. Add what someone must do during the incident.</p>}
      <ul className="space-y-1.5">
        {data.tasks.map((t) => (
          <li key={t.id} className="flex items-start gap-2 text-sm">
            <Checkbox checked={t.done} disabled={!canWrite} aria-label={`Done: ${t.title}`} onCheckedChange={(v) => void onToggle(t.id, v === true)} className="mt-0.5" />
            <span className={cn("min-w-0 flex-1 break-words", t.done && "text-muted-foreground line-through")}>{t.title}</span>
            {t.ownerName && <span className="text-muted-foreground shrink-0 text-xs">{t.ownerName}</span>}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form
          className="flex flex-wrap items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim()) return;
            void onAdd(title.trim(), owner || null).then(() => {
              setTitle("");
              setOwner("");
            });
          }}
        >
          <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="New task" aria-label="New task" maxLength={300} className="h-8 min-w-0 flex-1" />
          <select className={cn(selectClass, "w-auto")} aria-label="Task owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">No owner</option>
            {data.members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
          <Button type="submit" size="sm" variant="outline" className="h-8" disabled={!title.trim()}>
            <PlusIcon /> Add
          </Button>
        </form>
      )}
    </div>
  );
}
