"use client";

import { useEffect } from "react";
import { LoaderCircle, WifiOff } from "lucide-react";
import { cn } from "@/lib/utils";
import { registerIndicator, useConnectionState } from "./use-connection-state";

const labels = {
  connecting: "Connecting…",
  connected: "Live",
  reconnecting: "Reconnecting…",
  unavailable: "Offline",
} as const;

const titles = {
  connecting: "Connecting to live updates",
  connected: "Live: changes by others appear as they happen",
  reconnecting: "The connection dropped; what you miss is fetched once it is back",
  unavailable: "Live updates are unavailable: reload to see others' changes",
} as const;

/**
 * A small indicator of live updates: a quiet "Live" dot when connected, "Reconnecting…" while the
 * connection is being restored (what was missed is refetched once it is back).
 */
export function ConnectionStatus({ className }: { className?: string }) {
  useEffect(() => registerIndicator(), []);
  return <StatusPill className={className} />;
}

/** The pill itself, without claiming to be the page's indicator (the provider's fallback uses it). */
export function StatusPill({ className }: { className?: string }) {
  const state = useConnectionState();
  return (
    <span
      data-testid="connection-status"
      data-state={state}
      role="status"
      aria-live="polite"
      title={titles[state]}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium",
        state === "connected" && "text-muted-foreground",
        state === "reconnecting" && "bg-amber-500/15 text-amber-700 dark:text-amber-300",
        state === "unavailable" && "bg-muted text-muted-foreground",
        state === "connecting" && "text-muted-foreground",
        className,
      )}
    >
      {state === "connected" && <span aria-hidden className="size-2 rounded-full bg-emerald-500" />}
      {(state === "reconnecting" || state === "connecting") && <LoaderCircle aria-hidden className="size-3 animate-spin" />}
      {state === "unavailable" && <WifiOff aria-hidden className="size-3" />}
      <span className="sr-only sm:not-sr-only">{labels[state]}</span>
    </span>
  );
}
