"use client";

import { useEffect, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { RealtimeMessage } from "@/lib/realtime/shared";
import { queryKeys } from "@/lib/query-keys";
import { acquireConnection } from "./connection";
import { StatusPill } from "./connection-status";
import { alreadyApplied, planInvalidation } from "./invalidation";
import { useConnectionState, useIndicatorMounted } from "./use-connection-state";

/** Longest a message waits for this tab's own writes to settle before it is applied anyway. */
const MAX_DEFER_MS = 4_000;

/**
 * Keeps every query of the workspace in sync with changes made elsewhere: each event invalidates
 * the react-query keys it touches. While this tab has a write in flight, events wait, so a refetch
 * cannot undo its optimistic change; the echo of the user's own write is skipped when the cache
 * already holds that version. After a reconnect everything is refetched.
 */
export function RealtimeProvider({ workspaceSlug, children }: { workspaceSlug: string; children: ReactNode }) {
  const queryClient = useQueryClient();

  useEffect(() => {
    const { connection, release } = acquireConnection(workspaceSlug);
    const queued: RealtimeMessage[] = [];
    let refetchAll = false;
    let overdue: ReturnType<typeof setTimeout> | undefined;

    const isOwn = (m: RealtimeMessage) => {
      const self = connection.config?.self;
      return !!self && !!m.origin && m.origin.kind === self.kind && m.origin.id === self.id;
    };
    const apply = (m: RealtimeMessage) => {
      if (isOwn(m) && alreadyApplied(queryClient, workspaceSlug, m)) return;
      for (const target of planInvalidation(workspaceSlug, m)) void queryClient.invalidateQueries(target);
    };
    const flush = (force = false) => {
      if (queryClient.isMutating() > 0 && !force) {
        // A long-running write must not hold other people's changes back for long.
        overdue ??= setTimeout(() => flush(true), MAX_DEFER_MS);
        return;
      }
      clearTimeout(overdue);
      overdue = undefined;
      if (refetchAll) {
        refetchAll = false;
        queued.length = 0;
        void queryClient.invalidateQueries({ queryKey: queryKeys.all(workspaceSlug) });
        return;
      }
      for (const m of queued.splice(0)) apply(m);
    };

    const stopMutations = queryClient.getMutationCache().subscribe(() => {
      if (queued.length > 0 || refetchAll) queueMicrotask(() => flush());
    });
    const stopListening = connection.listen({
      onMessage: (m) => {
        if (connection.config && m.workspaceId !== connection.config.workspaceId) return;
        queued.push(m);
        flush();
      },
      onResync: () => {
        refetchAll = true;
        flush();
      },
    });
    return () => {
      clearTimeout(overdue);
      stopListening();
      stopMutations();
      release();
    };
  }, [workspaceSlug, queryClient]);

  return (
    <>
      {children}
      <FloatingStatus />
    </>
  );
}

/** The provider's own small "reconnecting" notice, when the page has no ConnectionStatus of its own. */
function FloatingStatus() {
  const state = useConnectionState();
  const placed = useIndicatorMounted();
  if (placed || state === "connected" || state === "connecting") {
    return <span hidden data-testid="realtime-state" data-state={state} />;
  }
  return (
    <div data-testid="realtime-state" data-state={state} className="bg-background/95 fixed bottom-4 left-4 z-50 rounded-full border shadow-sm">
      <StatusPill className="px-3 py-1" />
    </div>
  );
}
