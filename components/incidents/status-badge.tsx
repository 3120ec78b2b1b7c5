import { CircleAlertIcon, CircleCheckIcon, CircleDotIcon, LockIcon, SearchIcon, WrenchIcon } from "lucide-react";
import type { IncidentStatus } from "@/db/schema";
import { cn } from "@/lib/utils";

export const statusLabels: Record<IncidentStatus, string> = {
  triage: "Triage",
  investigating: "Investigating",
  fixing: "Fixing",
  resolved: "Resolved",
  closed: "Closed",
};

const statusIcons: Record<IncidentStatus, typeof CircleDotIcon> = {
  triage: CircleAlertIcon,
  investigating: SearchIcon,
  fixing: WrenchIcon,
  resolved: CircleCheckIcon,
  closed: LockIcon,
};

const statusClasses: Record<IncidentStatus, string> = {
  triage: "border-rose-500/30 bg-rose-500/10 text-rose-700 dark:text-rose-300",
  investigating: "border-amber-500/30 bg-amber-500/10 text-amber-700 dark:text-amber-300",
  fixing: "border-sky-500/30 bg-sky-500/10 text-sky-700 dark:text-sky-300",
  resolved: "border-emerald-500/30 bg-emerald-500/10 text-emerald-700 dark:text-emerald-300",
  closed: "border-border bg-muted text-muted-foreground",
};

/** Accent colour of a status (column headers, timeline dots). */
export const statusDotClasses: Record<IncidentStatus, string> = {
  triage: "bg-rose-500",
  investigating: "bg-amber-500",
  fixing: "bg-sky-500",
  resolved: "bg-emerald-500",
  closed: "bg-muted-foreground",
};

export function StatusBadge({ status, className }: { status: IncidentStatus; className?: string }) {
  const Icon = statusIcons[status];
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={cn(
        "inline-flex h-5 shrink-0 items-center gap-1 rounded-md border px-1.5 text-[11px] font-medium whitespace-nowrap",
        statusClasses[status],
        className,
      )}
    >
      <Icon aria-hidden className="size-3" />
      {statusLabels[status]}
    </span>
  );
}
