import type { Severity } from "@/db/schema";
import { cn } from "@/lib/utils";

export const severityLabels: Record<Severity, string> = {
  P0: "Critical",
  P1: "High",
  P2: "Medium",
  P3: "Low",
};

/** Tinted by the --sev-p0..p3 tokens, which have light and dark values in app/globals.css. */
// On light backgrounds the text is the token darkened (amber text on white is unreadable otherwise).
const severityClasses: Record<Severity, string> = {
  P0: "border-sev-p0/40 bg-sev-p0/15 text-[color-mix(in_oklch,var(--sev-p0)_80%,black)] dark:text-sev-p0",
  P1: "border-sev-p1/40 bg-sev-p1/15 text-[color-mix(in_oklch,var(--sev-p1)_70%,black)] dark:text-sev-p1",
  P2: "border-sev-p2/50 bg-sev-p2/15 text-[color-mix(in_oklch,var(--sev-p2)_60%,black)] dark:text-sev-p2",
  P3: "border-sev-p3/40 bg-sev-p3/15 text-[color-mix(in_oklch,var(--sev-p3)_70%,black)] dark:text-sev-p3",
};

const dotClasses: Record<Severity, string> = {
  P0: "bg-sev-p0",
  P1: "bg-sev-p1",
  P2: "bg-sev-p2",
  P3: "bg-sev-p3",
};

/** P0–P3 badge; `withLabel` adds the word ("P1 · High") for places with room. */
export function SeverityBadge({
  severity,
  withLabel = false,
  className,
}: {
  severity: Severity;
  withLabel?: boolean;
  className?: string;
}) {
  return (
    <span
      data-testid="severity-badge"
      data-severity={severity}
      title={`${severity} · ${severityLabels[severity]}`}
      className={cn(
        "inline-flex h-5 shrink-0 items-center gap-1 rounded-md border px-1.5 font-mono text-[11px] font-semibold tabular-nums whitespace-nowrap",
        severityClasses[severity],
        className,
      )}
    >
      <span aria-hidden className={cn("size-1.5 rounded-full", dotClasses[severity], severity === "P0" && "animate-pulse")} />
      {severity}
      {withLabel && <span className="font-sans font-medium">· {severityLabels[severity]}</span>}
    </span>
  );
}
