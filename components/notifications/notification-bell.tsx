"use client";

import * as React from "react";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { BellIcon, CheckCheckIcon, CheckIcon, Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { TimeAgo } from "@/components/incidents/time-ago";
import { markNotificationsReadAction } from "@/lib/actions/notifications/mark-read";
import { acknowledgeIncidentAction } from "@/lib/actions/oncall/acknowledge-incident";
import type { NotificationView } from "@/lib/notifications/shared";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import { useInbox } from "./use-inbox";

/** The header's bell: unread count (live), the latest notifications, "Acknowledge" on a page. */
export function NotificationBell({ workspaceSlug }: { workspaceSlug: string }) {
  const { data } = useInbox(workspaceSlug);
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const [busy, setBusy] = React.useState<string | null>(null);
  const unread = data?.unread ?? 0;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.notifications(workspaceSlug) });
  };

  async function markRead(input: { ids?: string[]; all?: boolean }) {
    const r = await markNotificationsReadAction(workspaceSlug, input).catch(() => null);
    if (r && !r.ok) toast.error(r.error);
    refresh();
  }

  async function acknowledge(n: NotificationView) {
    if (!n.incidentId) return;
    setBusy(n.id);
    try {
      const r = await acknowledgeIncidentAction(workspaceSlug, n.incidentId);
      if (!r.ok) toast.error(r.error);
      else toast.success("Acknowledged: the escalation stopped.");
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setBusy(null);
      refresh();
      void queryClient.invalidateQueries({ queryKey: queryKeys.incidentOncall(workspaceSlug, n.incidentId) });
    }
  }

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="icon" className="relative" aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"} data-testid="notification-bell">
          <BellIcon />
          {unread > 0 && (
            <span
              className="absolute top-1 right-1 inline-flex h-4 min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] leading-none font-semibold text-white tabular-nums"
              data-testid="notification-count"
            >
              {unread > 99 ? "99+" : unread}
            </span>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-[min(24rem,calc(100vw-1rem))] p-0" data-testid="notification-inbox">
        <div className="flex items-center justify-between border-b px-3 py-2">
          <span className="text-sm font-medium">Notifications</span>
          {unread > 0 && (
            <Button variant="ghost" size="sm" className="h-7 text-xs" onClick={() => void markRead({ all: true })}>
              <CheckCheckIcon /> Mark all read
            </Button>
          )}
        </div>
        <ul className="max-h-[60vh] divide-y overflow-y-auto">
          {(data?.items ?? []).length === 0 && <li className="text-muted-foreground px-3 py-6 text-center text-sm">Nothing yet. Pages, assignments and changes to your incidents show up here.</li>}
          {(data?.items ?? []).map((n) => (
            <li key={n.id} className={cn("space-y-1 px-3 py-2.5 text-sm", !n.readAt && "bg-primary/5")} data-testid="notification-item">
              <div className="flex items-start gap-2">
                {!n.readAt && <span aria-label="Unread" className="bg-primary mt-1.5 size-1.5 shrink-0 rounded-full" />}
                <div className="min-w-0 flex-1">
                  {n.incidentId ? (
                    <Link
                      href={`/incidents/${n.incidentId}`}
                      className="font-medium hover:underline"
                      onClick={() => {
                        setOpen(false);
                        if (!n.readAt) void markRead({ ids: [n.id] });
                      }}
                    >
                      {n.title}
                    </Link>
                  ) : (
                    <span className="font-medium">{n.title}</span>
                  )}
                  {n.body && <p className="text-muted-foreground text-xs break-words">{n.body}</p>}
                  <span className="text-muted-foreground text-[11px]">
                    <TimeAgo date={n.createdAt} />
                  </span>
                </div>
              </div>
              {n.acknowledgeable && (
                <Button size="sm" className="h-7" disabled={busy === n.id} onClick={() => void acknowledge(n)} data-testid="inbox-acknowledge">
                  {busy === n.id ? <Loader2Icon className="animate-spin" /> : <CheckIcon />} Acknowledge
                </Button>
              )}
            </li>
          ))}
        </ul>
      </PopoverContent>
    </Popover>
  );
}
