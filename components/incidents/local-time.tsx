"use client";

import * as React from "react";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { cn } from "@/lib/utils";

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const utcFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDateTime(iso: string, local = true): string {
  const d = new Date(iso);
  return local ? localFormat.format(d) : `${utcFormat.format(d)} UTC`;
}

/** An absolute time in the reader's zone (UTC until hydrated, so the server render matches). */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={iso} className={cn("tabular-nums", className)}>
      {formatDateTime(iso, hydrated)}
    </time>
  );
}

/** Current time, ticking; starts at the server's `initial` so hydration matches. */
export function useTickingNow(initial: string, intervalMs = 15_000): Date {
  const [now, setNow] = React.useState(() => new Date(initial));
  React.useEffect(() => {
    const tick = () => setNow(new Date());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
