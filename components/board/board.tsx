"use client";

import * as React from "react";
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useQueryStates } from "nuqs";
import { EyeIcon, InfoIcon, Loader2Icon, PlusIcon, TriangleAlertIcon } from "lucide-react";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { Button } from "@/components/ui/button";
import type { IncidentStatus } from "@/db/schema";
import { cn } from "@/lib/utils";
import { boardColumns, columnOf, compareOpenCards, hasActiveFilters, normalizeFilters, type BoardCardView, type BoardColumnId, type BoardFilterValues } from "@/lib/incidents/shared";
import { ResolveDialog } from "@/components/incidents/resolve-dialog";
import { BoardColumn } from "./board-column";
import { CardIconSprite } from "./card-icons";
import { CreateIncidentDialog } from "./create-incident-dialog";
import { announcements, columnCollision, columnKeyboardCoordinates, screenReaderInstructions } from "./dnd";
import { FilterBar } from "./filter-bar";
import { CardLeadProvider } from "@/components/oncall/card-lead";
import { IncidentCardBody, noteDragEnded } from "./incident-card";
import { boardSearchParams } from "@/lib/incidents/shared";
import { boardViewKey, useBoardView, useFacets, useMoveIncident, usePendingMoves, type InitialBoard } from "./use-board";
import { SlaAlertsProvider } from "@/components/sla/sla-badge";

/**
 * The interactive board: filters in the URL, columns from react-query (seeded by the server render),
 * drag and drop with an optimistic move. `canWrite` comes from the actor's role.
 */
export function Board({
  workspaceSlug,
  basePath,
  canWrite,
  initial,
  presence,
  systemsHealth,
}: {
  workspaceSlug: string;
  basePath: string;
  canWrite: boolean;
  initial: InitialBoard;
  /** Who else is looking at the board (rendered at the right of the title row). */
  presence?: React.ReactNode;
  /** Health of the simulated systems, above the filters. */
  systemsHealth?: React.ReactNode;
}) {
  const hydrated = useHydrated();
  const [params, setParams] = useQueryStates(boardSearchParams, { history: "replace", scroll: false });
  const filters = React.useMemo(
    () => normalizeFilters({ severity: params.severity, team: params.team, service: params.service, q: params.q, kind: params.kind, sort: params.sort, mine: params.mine }),
    [params.severity, params.team, params.service, params.q, params.kind, params.sort, params.mine],
  );
  const page = Math.max(1, params.resolved);
  // Open columns show their newest cards first; "Show all" swaps in the uncut board.
  const [showAll, setShowAll] = React.useState(false);
  const viewKey = React.useMemo(() => boardViewKey(workspaceSlug, filters, page, showAll), [workspaceSlug, filters, page, showAll]);

  const boardQuery = useBoardView(workspaceSlug, filters, page, showAll, initial);
  const facetsQuery = useFacets(workspaceSlug, initial.facets, initial.at);
  const move = useMoveIncident(workspaceSlug, viewKey);
  const pendingIds = usePendingMoves(workspaceSlug);
  const board = boardQuery.data ?? initial.board;
  const facets = facetsQuery.data ?? initial.facets;

  const onFilters = React.useCallback(
    (next: Partial<BoardFilterValues>) => void setParams({ ...next, resolved: null }),
    [setParams],
  );

  const byColumn = React.useMemo(() => {
    const columns: Record<BoardColumnId, BoardCardView[]> = { triage: [], investigating: [], fixing: [], resolved: board.resolved.items };
    for (const card of board.open) columns[columnOf(card.status)].push(card);
    // The server sends this order; sorting again keeps it while a dragged card is placed optimistically.
    const compare = compareOpenCards(filters.sort);
    for (const id of ["triage", "investigating", "fixing"] as const) columns[id].sort(compare);
    return columns;
  }, [board, filters.sort]);

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // A short press-and-hold on touch screens, so a swipe still scrolls the board.
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const [activeCard, setActiveCard] = React.useState<BoardCardView | null>(null);

  const onDragStart = (event: DragStartEvent) => {
    setActiveCard((event.active.data.current as { card: BoardCardView }).card);
  };
  const onDragEnd = (event: DragEndEvent) => {
    noteDragEnded();
    setActiveCard(null);
    const card = (event.active.data.current as { card: BoardCardView } | undefined)?.card;
    const target = event.over?.id as BoardColumnId | undefined;
    if (!card || !target || columnOf(card.status) === target) return;
    // Same column (a closed card dropped on Resolved too) changes nothing; any other drop is a status move.
    // A drop on Resolved first asks what ended it and why (both optional).
    if (target === "resolved") setResolving(card);
    else move.mutate({ card, to: target as IncidentStatus });
  };
  const [resolving, setResolving] = React.useState<BoardCardView | null>(null);

  const filtered = hasActiveFilters(filters);
  const openCount = board.openCounts.triage + board.openCounts.investigating + board.openCounts.fixing;
  const refreshing = boardQuery.isFetching && boardQuery.isPlaceholderData;

  return (
    <SlaAlertsProvider workspaceSlug={workspaceSlug}>
    <CardLeadProvider workspaceSlug={workspaceSlug}>
    <div data-testid="board" data-hydrated={hydrated ? "true" : "false"} className="relative flex min-h-0 flex-1 flex-col gap-4">
      <CardIconSprite />
      <ResolveDialog
        open={!!resolving}
        onOpenChange={(open) => !open && setResolving(null)}
        incidentKey={resolving ? `INC-${resolving.number}` : ""}
        title={resolving?.title ?? ""}
        onResolve={(resolution) => {
          if (resolving) move.mutate({ card: resolving, to: "resolved", resolution });
          setResolving(null);
        }}
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h1 className="flex items-center gap-2 text-xl font-semibold tracking-tight">
            Incident board
            {refreshing && <Loader2Icon aria-label="Loading" className="text-muted-foreground size-4 animate-spin" />}
          </h1>
          <p className="text-muted-foreground text-sm" data-testid="board-summary">
            {openCount.toLocaleString("en")}
            {board.openTruncated ? "+" : ""} open · {board.resolved.total.toLocaleString("en")} resolved
            {filtered ? " matching the filters" : ""}
          </p>
        </div>
        {!canWrite && (
          <span data-testid="board-read-only" className="text-muted-foreground flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs">
            <EyeIcon className="size-3.5" />
            Read only: your role can view incidents but not change them
          </span>
        )}
        {presence && <div className="ml-auto">{presence}</div>}
      </div>
      {systemsHealth}
      <FilterBar filters={filters} facets={facets} onChange={onFilters}>
        {canWrite &&
          (hydrated ? (
            <CreateIncidentDialog workspaceSlug={workspaceSlug} basePath={basePath} facets={facets} />
          ) : (
            // Same size as the real button, so nothing shifts when the page hydrates.
            <Button size="sm" disabled aria-hidden tabIndex={-1}>
              <PlusIcon />
              New incident
            </Button>
          ))}
      </FilterBar>
      {board.openTruncated && (
        <p className="flex items-center gap-2 rounded-md border border-amber-500/30 bg-amber-500/10 px-3 py-2 text-sm text-amber-800 dark:text-amber-200">
          <TriangleAlertIcon className="size-4 shrink-0" />
          Only the newest {openCount.toLocaleString("en")} open incidents are shown. Narrow the filters to see the others.
        </p>
      )}
      {boardQuery.isError && (
        <p role="alert" className="border-destructive/30 bg-destructive/10 text-destructive flex items-center gap-2 rounded-md border px-3 py-2 text-sm">
          <InfoIcon className="size-4 shrink-0" />
          The board could not be refreshed: {boardQuery.error.message}. Showing the last data received.
        </p>
      )}
      {/* A fixed id: dnd-kit otherwise numbers its contexts per render, and the server's number differs from the client's. */}
      <DndContext
        id="incident-board"
        sensors={sensors}
        collisionDetection={columnCollision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          noteDragEnded();
          setActiveCard(null);
        }}
        accessibility={{ announcements, screenReaderInstructions }}
      >
        <div
          className={cn(
            "-mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-2 md:mx-0 md:grid md:grid-cols-4 md:overflow-visible md:px-0",
            refreshing && "opacity-70 transition-opacity",
          )}
        >
          {boardColumns.map((id) => (
            <BoardColumn
              key={id}
              id={id}
              cards={byColumn[id]}
              count={id === "resolved" ? board.resolved.total : board.openCounts[id]}
              onShowAll={id !== "resolved" && !showAll ? () => setShowAll(true) : undefined}
              basePath={basePath}
              canMove={canWrite}
              pendingIds={pendingIds}
              filtered={filtered}
              paging={
                id === "resolved"
                  ? { page: board.resolved.page, pageSize: board.resolved.pageSize, total: board.resolved.total, onPage: (p) => void setParams({ resolved: p }) }
                  : undefined
              }
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {activeCard ? <IncidentCardBody card={activeCard} href={`${basePath}/incidents/${activeCard.id}`} overlay /> : null}
        </DragOverlay>
      </DndContext>
    </div>
    </CardLeadProvider>
    </SlaAlertsProvider>
  );
}
