"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { Incident } from "@/db/schema";
import { toIncidentDto, type IncidentPayload, type TimelinePayload } from "@/lib/incidents/shared";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import type { Result } from "@/lib/result";
import { useIncidentContext } from "./incident-context";

function incidentUrl(slug: string, id: string, part?: "timeline"): string {
  const base = workspaceUrl(slug, "incidents", id);
  return part ? `${base}?part=${part}` : base;
}

export function useIncidentQuery(initial: IncidentPayload, enabled = true) {
  const { workspaceSlug, incidentId } = useIncidentContext();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.incident(workspaceSlug, incidentId),
    queryFn: () => fetchJson<IncidentPayload>(incidentUrl(workspaceSlug, incidentId)),
    initialData: initial,
    retry: retryUnless4xx,
    enabled,
  });
  // Reopened from the cache (the board's dialog, back/forward): a newer server render wins over it.
  const cachedVersion = query.data.incident.version;
  React.useEffect(() => {
    if (initial.incident.version > cachedVersion) {
      queryClient.setQueryData(queryKeys.incident(workspaceSlug, incidentId), initial);
      void queryClient.invalidateQueries({ queryKey: queryKeys.incidentTimeline(workspaceSlug, incidentId) });
    }
    // Only when a new server render arrives, not on every cache update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);
  return query;
}

export function useTimelineQuery(initial: TimelinePayload, enabled = true) {
  const { workspaceSlug, incidentId } = useIncidentContext();
  return useQuery({
    queryKey: queryKeys.incidentTimeline(workspaceSlug, incidentId),
    queryFn: () => fetchJson<TimelinePayload>(incidentUrl(workspaceSlug, incidentId, "timeline")),
    initialData: initial,
    retry: retryUnless4xx,
    enabled,
  });
}

type EditState = {
  /** The conflict message of the last refused write, shown until the user reloads. */
  conflict: string | null;
  setConflict: (message: string | null) => void;
  /** Bumped by "Reload": editors drop drafts that were based on the old version. */
  reloadToken: number;
  reload: () => Promise<void>;
  reloading: boolean;
  /**
   * The version a draft started from, carried past this tab's own later writes (which the draft
   * has seen), but never past someone else's: theirs makes the draft stale, and saving it is refused.
   */
  rebase: (version: number) => number;
  recordOwnWrite: (from: number, to: number) => void;
  /** Set once the incident is deleted here: queries stop so nothing refetches a 404. */
  deleted: boolean;
  markDeleted: () => void;
};

const EditStateContext = React.createContext<EditState | null>(null);

export function IncidentEditStateProvider({ children }: { children: React.ReactNode }) {
  const { workspaceSlug, incidentId } = useIncidentContext();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = React.useState<string | null>(null);
  const [reloadToken, setReloadToken] = React.useState(0);
  const [reloading, setReloading] = React.useState(false);
  const [deleted, setDeleted] = React.useState(false);
  const transitions = React.useRef(new Map<number, number>());

  const reload = React.useCallback(async () => {
    setReloading(true);
    try {
      await queryClient.refetchQueries({ queryKey: queryKeys.incident(workspaceSlug, incidentId) });
      transitions.current.clear();
      setConflict(null);
      setReloadToken((t) => t + 1);
    } finally {
      setReloading(false);
    }
  }, [queryClient, workspaceSlug, incidentId]);

  const value = React.useMemo<EditState>(
    () => ({
      conflict,
      setConflict,
      reloadToken,
      reload,
      reloading,
      rebase: (version) => {
        let v = version;
        for (let guard = 0; transitions.current.has(v) && guard < 1000; guard++) v = transitions.current.get(v)!;
        return v;
      },
      recordOwnWrite: (from, to) => {
        if (to !== from) transitions.current.set(from, to);
      },
      deleted,
      markDeleted: () => setDeleted(true),
    }),
    [conflict, reloadToken, reload, reloading, deleted],
  );
  return <EditStateContext.Provider value={value}>{children}</EditStateContext.Provider>;
}

export function useEditState(): EditState {
  const ctx = React.useContext(EditStateContext);
  if (!ctx) throw new Error("useEditState must be used inside IncidentEditStateProvider");
  return ctx;
}

/**
 * Runs a server action that writes the incident from `version`. Success: the cache takes the new
 * row and the feed refetches. A stale version: the conflict banner, never a retry. Anything else: a toast.
 */
export function useIncidentWrite() {
  const { workspaceSlug, incidentId } = useIncidentContext();
  const queryClient = useQueryClient();
  const edit = useEditState();
  const [pending, setPending] = React.useState(false);

  const run = React.useCallback(
    async (version: number, action: () => Promise<Result<Incident>>, successMessage?: string): Promise<boolean> => {
      setPending(true);
      try {
        const result = await action();
        if (!result.ok) {
          if (result.code.startsWith("conflict")) edit.setConflict(result.error);
          else toast.error(result.error);
          return false;
        }
        edit.recordOwnWrite(version, result.data.version);
        queryClient.setQueryData<IncidentPayload>(queryKeys.incident(workspaceSlug, incidentId), (old) =>
          old ? { ...old, incident: toIncidentDto(result.data) } : old,
        );
        void queryClient.invalidateQueries({ queryKey: queryKeys.incidentTimeline(workspaceSlug, incidentId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.board(workspaceSlug) });
        if (successMessage) toast.success(successMessage);
        return true;
      } catch {
        toast.error("Could not reach the server. Check your connection and try again.");
        return false;
      } finally {
        setPending(false);
      }
    },
    [edit, queryClient, workspaceSlug, incidentId],
  );
  return { run, pending };
}
