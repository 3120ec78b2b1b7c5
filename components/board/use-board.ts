"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useMutationState, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { IncidentStatus } from "@/db/schema";
import { moveIncidentAction } from "@/lib/actions/incidents/move-incident";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import { statusLabels } from "@/components/incidents/status-badge";
import { findCard, withCardMoved, withCardPatched } from "./board-cache";
import type { BoardCardView, BoardFilterValues, BoardView, FacetsView } from "@/lib/incidents/shared";
import { serializeBoardSearchParams } from "@/lib/incidents/shared";

export function boardApiUrl(workspaceSlug: string, filters: BoardFilterValues, page: number, all: boolean): string {
  const base = workspaceUrl(workspaceSlug, "board");
  const url = serializeBoardSearchParams(base, { ...filters, resolved: page });
  return all ? `${url}${url.includes("?") ? "&" : "?"}all=1` : url;
}

/** The react-query key of one view of the board (filters, resolved page, open columns cut or not). */
export function boardViewKey(workspaceSlug: string, filters: BoardFilterValues, page: number, all: boolean) {
  return queryKeys.boardView(workspaceSlug, { ...filters, all }, page);
}

export type InitialBoard = {
  filters: BoardFilterValues;
  page: number;
  board: BoardView;
  facets: FacetsView;
  /** When the server read it (ms), so react-query knows how fresh it is. */
  at: number;
};

/** The board for the current filters: server-rendered data first, then refetched on invalidation. */
export function useBoardView(workspaceSlug: string, filters: BoardFilterValues, page: number, all: boolean, initial: InitialBoard) {
  const isInitialView = !all && page === initial.page && JSON.stringify(filters) === JSON.stringify(initial.filters);
  return useQuery({
    queryKey: boardViewKey(workspaceSlug, filters, page, all),
    queryFn: () => fetchJson<BoardView>(boardApiUrl(workspaceSlug, filters, page, all)),
    initialData: isInitialView ? initial.board : undefined,
    initialDataUpdatedAt: isInitialView ? initial.at : undefined,
    // A filter change keeps the previous columns on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useFacets(workspaceSlug: string, initial: FacetsView, initialAt: number) {
  return useQuery({
    queryKey: queryKeys.facets(workspaceSlug),
    queryFn: () => fetchJson<FacetsView>(workspaceUrl(workspaceSlug, "board", "facets")),
    initialData: initial,
    initialDataUpdatedAt: initialAt,
  });
}

type MoveVariables = { card: BoardCardView; to: IncidentStatus; resolution?: { summary?: string; cause?: string } };

const moveKey = (workspaceSlug: string) => ["move-incident", workspaceSlug] as const;

/**
 * Drag-and-drop move: the card jumps at once (onMutate), the server action runs, and a refusal
 * (403 viewer, 409 stale, 404 deleted) puts the card back and says why in a toast.
 */
export function useMoveIncident(workspaceSlug: string, viewKey: readonly unknown[]) {
  const queryClient = useQueryClient();
  // Moves of one card run one after another, each carrying the version the previous one returned.
  const chains = React.useRef(new Map<string, Promise<unknown>>());
  return useMutation({
    mutationKey: moveKey(workspaceSlug),
    mutationFn: async ({ card, to, resolution }: MoveVariables) => {
      const previous = chains.current.get(card.id) ?? Promise.resolve();
      const run = previous
        .catch(() => undefined)
        .then(async () => {
          const latest = findCard(queryClient.getQueryData<BoardView>(viewKey), card.id);
          const result = await moveIncidentAction(workspaceSlug, card.id, { status: to, version: latest?.version ?? card.version, resolution });
          if (!result.ok) throw new Error(result.error);
          queryClient.setQueryData<BoardView>(viewKey, (view) =>
            view ? withCardPatched(view, card.id, { version: result.data.version, updatedAt: new Date(result.data.updatedAt).toISOString() }) : view,
          );
          return result.data;
        });
      chains.current.set(card.id, run);
      try {
        return await run;
      } finally {
        if (chains.current.get(card.id) === run) chains.current.delete(card.id);
      }
    },
    onMutate: async ({ card, to }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.board(workspaceSlug) });
      queryClient.setQueryData<BoardView>(viewKey, (view) => (view ? withCardMoved(view, card.id, to) : view));
      return { original: card };
    },
    onError: (error, { card, to }, context) => {
      const original = context?.original ?? card;
      queryClient.setQueryData<BoardView>(viewKey, (view) => (view ? withCardMoved(view, card.id, original.status, original) : view));
      toast.error(`INC-${card.number} could not move to ${statusLabels[to]}`, { description: error.message });
    },
    onSettled: (_data, _error, { card }) => {
      // Refetch once the last move in flight settles, so a refetch never undoes another pending move.
      if (queryClient.isMutating({ mutationKey: moveKey(workspaceSlug) }) <= 1) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.board(workspaceSlug) });
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.incident(workspaceSlug, card.id) });
    },
  });
}

/** Ids of cards whose move is still on its way to the server (shown as "saving"). */
export function usePendingMoves(workspaceSlug: string): Set<string> {
  const ids = useMutationState({
    filters: { mutationKey: moveKey(workspaceSlug), status: "pending" },
    select: (m) => (m.state.variables as MoveVariables | undefined)?.card.id,
  });
  return new Set(ids.filter((id): id is string => Boolean(id)));
}
