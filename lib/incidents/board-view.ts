import type { IncidentStatus, Severity } from "@/db/schema";
import type { BoardCard, BoardData } from "./queries";

/**
 * The board as the browser holds it: dates as ISO strings, so the server render (initialData) and
 * the JSON refetch produce the same shape in the react-query cache.
 */
export type BoardCardView = Omit<BoardCard, "createdAt" | "updatedAt" | "resolvedAt" | "createdById" | "createdByKind"> & {
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
};

export type OpenStatus = "triage" | "investigating" | "fixing";

export type BoardView = {
  /** Open cards, newest first; each column cut to `perColumn` cards unless the board is expanded. */
  open: BoardCardView[];
  /** How many open incidents each column holds (within the server's bound), shown or not. */
  openCounts: Record<OpenStatus, number>;
  /** Cards per open column in `open` (null: all of them). */
  perColumn: number | null;
  openTruncated: boolean;
  resolved: { items: BoardCardView[]; total: number; page: number; pageSize: number };
};

export type FacetsView = { teams: string[]; services: string[] };

/** Real incidents, drills (incidents the simulator or a person opened as synthetic/training), or both. */
export const boardKinds = ["all", "real", "drills"] as const;
export type BoardKind = (typeof boardKinds)[number];
/** Open columns: most severe first then newest (`severity`), or newest first (`recency`). */
export const boardSorts = ["severity", "recency"] as const;
export type BoardSort = (typeof boardSorts)[number];

export type BoardFilterValues = {
  severity: Severity[];
  team: string[];
  service: string[];
  q: string;
  kind: BoardKind;
  sort: BoardSort;
  /** Only incidents the viewer leads. */
  mine?: boolean;
};

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

/**
 * Cards an open column shows at first. A board with hundreds of open incidents would otherwise
 * render (and ship) every card on each load; "Show all" fetches the rest.
 */
export const OPEN_CARDS_PER_COLUMN = 25;

export function toBoardView(data: BoardData, perColumn: number | null = OPEN_CARDS_PER_COLUMN): BoardView {
  const openCounts: Record<OpenStatus, number> = { triage: 0, investigating: 0, fixing: 0 };
  const open: BoardCardView[] = [];
  for (const card of data.open) {
    const status = card.status as OpenStatus;
    openCounts[status] += 1;
    if (perColumn === null || openCounts[status] <= perColumn) open.push(toCardView(card));
  }
  return {
    open,
    openCounts,
    perColumn,
    openTruncated: data.openTruncated,
    resolved: { ...data.resolved, items: data.resolved.items.map(toCardView) },
  };
}

/** Filters in a stable order, so equal views share one react-query key. */
export function normalizeFilters(f: BoardFilterValues): BoardFilterValues {
  const sorted = <T extends string>(list: T[]) => Array.from(new Set(list)).sort();
  return {
    severity: sorted(f.severity),
    team: sorted(f.team),
    service: sorted(f.service),
    q: f.q.trim(),
    kind: f.kind ?? "all",
    sort: f.sort ?? "severity",
    ...(f.mine ? { mine: true } : {}),
  };
}

/** Filters that hide incidents (the sort order hides nothing). */
export function hasActiveFilters(f: BoardFilterValues): boolean {
  return f.severity.length + f.team.length + f.service.length > 0 || f.q.trim() !== "" || f.kind !== "all" || !!f.mine;
}

export const noBoardFilters: BoardFilterValues = { severity: [], team: [], service: [], q: "", kind: "all", sort: "severity" };

/** Order of the open columns as the server sends them, kept by the board's optimistic moves. */
export function compareOpenCards(sort: BoardSort) {
  return (a: { severity: Severity; createdAt: string; number: number }, b: { severity: Severity; createdAt: string; number: number }) =>
    (sort === "severity" ? a.severity.localeCompare(b.severity) : 0) || b.createdAt.localeCompare(a.createdAt) || b.number - a.number;
}
