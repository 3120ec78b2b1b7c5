import type { EventLevel } from "@/db/schema";
import { cn } from "@/lib/utils";

const levelClasses: Record<EventLevel, string> = {
  DEBUG: "bg-muted text-muted-foreground border-transparent",
  INFO: "bg-sky-500/15 text-sky-700 dark:text-sky-300 border-sky-500/30",
  WARNING: "bg-amber-500/15 text-amber-700 dark:text-amber-300 border-amber-500/30",
  ERROR: "bg-orange-500/15 text-orange-700 dark:text-orange-300 border-orange-500/30",
  CRITICAL: "bg-red-500/15 text-red-700 dark:text-red-300 border-red-500/40",
  FATAL: "bg-red-700 text-white border-red-800",
};

export function LevelBadge({ level, className }: { level: EventLevel; className?: string }) {
  return (
    <span
      data-level={level}
      className={cn("inline-flex w-20 shrink-0 justify-center rounded border px-1.5 py-0.5 font-mono text-[11px] font-semibold", levelClasses[level], className)}
    >
      {level}
    </span>
  );
}
