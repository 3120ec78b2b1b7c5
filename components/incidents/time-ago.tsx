"use client";

import * as React from "react";
import { cn } from "@/lib/utils";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/**
 * "3m", "2h", "5d" (compact) or "3 minutes ago" (long), relative to `now`. Never in the future: a
 * time ahead of the reader's clock (a sped-up drill stamps events in its world time, clocks drift)
 * reads "now".
 */
export function formatTimeAgo(date: Date, now: Date = new Date(), style: "compact" | "long" = "compact"): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  const abs = Math.abs(seconds);
  if (abs < 45) return style === "compact" ? "now" : "just now";
  for (const [unit, size] of units) {
    if (abs >= size) {
      const value = Math.floor(abs / size);
      if (style === "compact") {
        const short = { year: "y", month: "mo", week: "w", day: "d", hour: "h", minute: "m" }[unit as string];
        return seconds >= 0 ? `${value}${short}` : `in ${value}${short}`;
      }
      return new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(seconds >= 0 ? -value : value, unit);
    }
  }
  return style === "compact" ? "1m" : "1 minute ago";
}

function useNow(intervalMs: number): Date {
  const [now, setNow] = React.useState(() => new Date());
  React.useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * Relative time that keeps ticking; the exact time is in the tooltip (title) and the dateTime
 * attribute. Server and client clocks differ by a few seconds, hence suppressHydrationWarning.
 */
export function TimeAgo({
  date,
  style = "compact",
  className,
}: {
  date: Date | string;
  style?: "compact" | "long";
  className?: string;
}) {
  const d = typeof date === "string" ? new Date(date) : date;
  const now = useNow(30_000);
  const iso = d.toISOString();
  return (
    <time dateTime={iso} title={d.toLocaleString()} className={cn("tabular-nums", className)} suppressHydrationWarning>
      {formatTimeAgo(d, now, style)}
    </time>
  );
}
