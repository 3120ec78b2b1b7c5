"use client";

import { useApprovals } from "./approvals-query";

/** How many plans wait for approval in the workspace (nothing when none), live through realtime. */
export function ApprovalsBadge({ workspaceSlug }: { workspaceSlug: string }) {
  const { data } = useApprovals(workspaceSlug);
  const n = data?.total ?? 0;
  if (n === 0) return null;
  return (
    <span
      className="inline-flex h-4 min-w-4 items-center justify-center rounded-full bg-amber-500 px-1 text-[10px] leading-none font-semibold text-white tabular-nums dark:bg-amber-400 dark:text-amber-950"
      aria-label={`${n} plan${n === 1 ? "" : "s"} awaiting approval`}
      data-testid="approvals-badge"
    >
      {n}
    </span>
  );
}
