"use client";

import { useQuery } from "@tanstack/react-query";
import { WrenchIcon } from "lucide-react";
import { LocalTime } from "@/components/incidents/local-time";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import type { MaintenanceWindowView } from "@/lib/alerts/shared";

type Note = { window: MaintenanceWindowView; endedAt: string; openedAt: string } | null;

/** On an incident's page: "opened N minutes after maintenance ended" when a window of its service ended shortly before. */
export function MaintenanceNote({ workspaceSlug, incidentId }: { workspaceSlug: string; incidentId: string }) {
  const { data } = useQuery({
    queryKey: queryKeys.maintenanceNote(workspaceSlug, incidentId),
    queryFn: ({ signal }) => fetchJson<{ note: Note }>(workspaceUrl(workspaceSlug, "incidents", incidentId, "maintenance-note"), { signal }),
    retry: retryUnless4xx,
    staleTime: 5 * 60_000,
  });
  const note = data?.note;
  if (!note) return null;
  const minutes = Math.max(0, Math.round((Date.parse(note.openedAt) - Date.parse(note.endedAt)) / 60_000));
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm" data-testid="maintenance-note">
      <WrenchIcon className="size-4 text-amber-600" aria-hidden />
      <span>
        Opened {minutes === 0 ? "right" : `${minutes} min`} after a maintenance window ended (<LocalTime iso={note.endedAt} />): {note.window.reason}
      </span>
    </div>
  );
}
