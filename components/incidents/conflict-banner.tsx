"use client";

import { RefreshCwIcon, TriangleAlertIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useEditState } from "./incident-state";

/** Shown when a write was refused because the incident changed since this page loaded it. */
export function ConflictBanner() {
  const { conflict, reload, reloading } = useEditState();
  if (!conflict) return null;
  return (
    <div
      role="alert"
      data-testid="incident-conflict"
      className="border-amber-500/40 bg-amber-500/10 text-amber-900 dark:text-amber-100 flex flex-col gap-3 rounded-lg border p-3 sm:flex-row sm:items-center"
    >
      <TriangleAlertIcon className="size-5 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
      <div className="min-w-0 flex-1 text-sm">
        <div className="font-medium">Your change was not saved</div>
        <div className="opacity-90">{conflict}</div>
      </div>
      <Button size="sm" variant="outline" onClick={() => void reload()} disabled={reloading} data-testid="incident-conflict-reload">
        <RefreshCwIcon className={reloading ? "animate-spin" : undefined} />
        Reload
      </Button>
    </div>
  );
}
