import type { IncidentStatus, Severity } from "@/db/schema";
import type { BoardCard, BoardData } from "@/lib/incidents/queries";

/**
 * The board as the browser holds it: dates as ISO strings, so the server render (initialData) and
 * the JSON refetch produce the same shape in the react-query cache.
 */
export type BoardCardView = Omit<BoardCard, "createdAt" | "updatedAt" | "resolvedAt" | "createdById" | "createdByKind"> & {
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
};

export type BoardView = {
  open: BoardCardView[];
  openTruncated: boolean;
  resolved: { items: BoardCardView[]; total: number; page: number; pageSize: number };
};

export type FacetsView = { teams: string[]; services: string[] };

export type BoardFilterValues = { severity: Severity[]; team: string[]; service: string[]; q: string };

/** Kept here (not imported from db/schema) so client bundles do not pull in Drizzle's table code. */
export const severityOptions = ["P0", "P1", "P2", "P3"] as const satisfies readonly Severity[];

/** Columns of the board, left to right; resolved and closed incidents share the last one. */
export const boardColumns = ["triage", "investigating", "fixing", "resolved"] as const;
export type BoardColumnId = (typeof boardColumns)[number];

export function columnOf(status: IncidentStatus): BoardColumnId {
  return status === "closed" ? "resolved" : status;
}

export function toCardView(card: BoardCard): BoardCardView {
  return {
    id: card.id,
    number: card.number,
    title: card.title,
    service: card.service,
    team: card.team,
    severity: card.severity,
    status: card.status,
    eventCount: card.eventCount,
    incidentType: card.incidentType,
    version: card.version,
    createdAt: card.createdAt.toISOString(),
    updatedAt: card.updatedAt.toISOString(),
    resolvedAt: card.resolvedAt ? card.resolvedAt.toISOString() : null,
  };
}

export function toBoardView(data: BoardData): BoardView {
  return {
    open: data.open.map(toCardView),
    openTruncated: data.openTruncated,
    resolved: { ...data.resolved, items: data.resolved.items.map(toCardView) },
  };
}

/** Filters in a stable order, so equal views share one react-query key. */
export function normalizeFilters(f: BoardFilterValues): BoardFilterValues {
  const sorted = <T extends string>(list: T[]) => Array.from(new Set(list)).sort();
  return { severity: sorted(f.severity), team: sorted(f.team), service: sorted(f.service), q: f.q.trim() };
}

export function hasActiveFilters(f: BoardFilterValues): boolean {
  return f.severity.length + f.team.length + f.service.length > 0 || f.q.trim() !== "";
}
