"use client";

import * as React from "react";
import { SearchIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { MultiSelect } from "@/components/ui/multi-select";
import { MineToggle } from "@/components/oncall/mine-toggle";
import { SeverityBadge, severityLabels } from "@/components/incidents/severity-badge";
import type { Severity } from "@/db/schema";
import { hasActiveFilters, severityOptions, type BoardFilterValues, type BoardKind, type BoardSort, type FacetsView } from "@/lib/incidents/shared";
import { cn } from "@/lib/utils";

/** A small segmented switch (radio group) for one URL value. */
function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: { value: T; label: string; title?: string }[];
  value: T;
  onChange: (v: T) => void;
  testId: string;
}) {
  return (
    <div role="radiogroup" aria-label={label} data-testid={testId} className="bg-muted inline-flex h-8 items-center rounded-md p-0.5 text-xs">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          title={o.title}
          data-testid={`${testId}-${o.value}`}
          onClick={() => onChange(o.value)}
          className={cn(
            "focus-visible:ring-ring/50 h-7 rounded-[5px] px-2.5 font-medium outline-none focus-visible:ring-[3px]",
            value === o.value ? "bg-background text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

const kindOptions: { value: BoardKind; label: string; title: string }[] = [
  { value: "real", label: "Real", title: "Only real incidents" },
  { value: "drills", label: "Drills", title: "Only drills and synthetic incidents" },
  { value: "all", label: "All", title: "Real incidents and drills" },
];
const sortOptions: { value: BoardSort; label: string; title: string }[] = [
  { value: "severity", label: "Severity", title: "Most severe first, then newest" },
  { value: "recency", label: "Newest", title: "Newest first" },
];

/** Severity, team, service and text search; every change goes to the URL (the caller's setter). */
export function FilterBar({
  filters,
  facets,
  onChange,
  children,
}: {
  filters: BoardFilterValues;
  facets: FacetsView;
  onChange: (next: Partial<BoardFilterValues>) => void;
  children?: React.ReactNode;
}) {
  const [text, setText] = React.useState(filters.q);
  const lastSent = React.useRef(filters.q);

  // The URL changed under us (back button, a shared link, "Clear"): show its query.
  React.useEffect(() => {
    if (filters.q !== lastSent.current) {
      lastSent.current = filters.q;
      setText(filters.q);
    }
  }, [filters.q]);

  // Typing settles for a moment before the board refetches.
  React.useEffect(() => {
    if (text.trim() === lastSent.current.trim()) return;
    const timer = setTimeout(() => {
      lastSent.current = text.trim();
      onChange({ q: text.trim() });
    }, 250);
    return () => clearTimeout(timer);
  }, [text, onChange]);

  // Keep values chosen earlier (from a shared link) selectable even when no incident has them now.
  const teams = Array.from(new Set([...facets.teams, ...filters.team])).sort();
  const services = Array.from(new Set([...facets.services, ...filters.service])).sort();
  const active = hasActiveFilters(filters);

  return (
    <div role="search" className="flex flex-wrap items-center gap-2">
      <div className="relative w-full sm:w-64">
        <SearchIcon aria-hidden className="text-muted-foreground pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2" />
        <Input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              const q = e.currentTarget.value.trim();
              lastSent.current = q;
              onChange({ q });
            }
          }}
          placeholder="Search title, service, INC-42…"
          aria-label="Search incidents"
          data-testid="filter-search"
          className="h-8 pl-8"
        />
      </div>
      <MultiSelect
        label="Severity"
        options={[...severityOptions]}
        value={filters.severity}
        onChange={(v) => onChange({ severity: v as Severity[] })}
        data-testid="filter-severity"
        renderOption={(o) => (
          <span className="flex items-center gap-2">
            <SeverityBadge severity={o as Severity} />
            <span className="text-muted-foreground text-xs">{severityLabels[o as Severity]}</span>
          </span>
        )}
      />
      <MultiSelect label="Team" options={teams} value={filters.team} onChange={(v) => onChange({ team: v })} data-testid="filter-team" />
      <MultiSelect label="Service" options={services} value={filters.service} onChange={(v) => onChange({ service: v })} data-testid="filter-service" />
      <Segmented label="Incident kind" options={kindOptions} value={filters.kind} onChange={(kind) => onChange({ kind })} testId="filter-kind" />
      <MineToggle value={!!filters.mine} onChange={(mine) => onChange({ mine })} />
      <Segmented label="Sort open columns by" options={sortOptions} value={filters.sort} onChange={(sort) => onChange({ sort })} testId="board-sort" />
      {active && (
        <Button
          variant="ghost"
          size="sm"
          data-testid="filter-clear"
          onClick={() => {
            lastSent.current = "";
            setText("");
            onChange({ severity: [], team: [], service: [], q: "", kind: "all", mine: false });
          }}
        >
          <XIcon />
          Clear
        </Button>
      )}
      {children && <div className="ml-auto flex items-center gap-2">{children}</div>}
    </div>
  );
}
