"use client";

import { useEffect, useState } from "react";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { acquireConnection, type PresenceMember } from "./connection";

const MAX_AVATARS = 5;

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

/**
 * Who has this board (room "board") or incident page (room `incident:<id>`) open: avatars with
 * names; guests appear as their anonymous animal, in its colour. Updates as people come and go.
 */
export function PresenceBar({ workspaceSlug, room, className }: { workspaceSlug: string; room: string; className?: string }) {
  const [members, setMembers] = useState<PresenceMember[] | null>(null);
  const [selfId, setSelfId] = useState<string | null>(null);

  useEffect(() => {
    const { connection, release } = acquireConnection(workspaceSlug);
    let active = true;
    void connection.ready().then((config) => active && setSelfId(config.self.memberId));
    const stop = connection.watchPresence(room, (list) => active && setMembers(list));
    return () => {
      active = false;
      stop();
      release();
    };
  }, [workspaceSlug, room]);

  if (!members) return <div data-testid="presence-bar" data-state="loading" className={cn("h-8", className)} />;
  const others = members.filter((m) => m.id !== selfId).length;
  const shown = members.slice(0, MAX_AVATARS);
  const hidden = members.length - shown.length;
  const label = room === "board" ? "on this board" : "on this incident";
  return (
    <div data-testid="presence-bar" data-state="ready" className={cn("flex items-center gap-2", className)} aria-label={`People ${label}`}>
      <ul className="flex -space-x-2">
        {shown.map((m) => (
          <li key={m.id} data-testid="presence-member" data-member-id={m.id} data-self={m.id === selfId ? "true" : undefined}>
            <Tooltip>
              <TooltipTrigger asChild>
                <span tabIndex={0} className="block rounded-full outline-none focus-visible:ring-2 focus-visible:ring-ring">
                  <Avatar className="ring-background size-7 ring-2">
                    <AvatarFallback
                      className={cn("text-[10px]", m.color && "text-white")}
                      style={m.color ? { backgroundColor: m.color } : undefined}
                    >
                      {initials(m.name)}
                    </AvatarFallback>
                  </Avatar>
                  <span className="sr-only">{m.name}</span>
                </span>
              </TooltipTrigger>
              <TooltipContent>
                {m.name}
                {m.id === selfId ? " (you)" : m.kind === "guest" ? " (guest)" : ""}
              </TooltipContent>
            </Tooltip>
          </li>
        ))}
      </ul>
      {hidden > 0 && <span className="text-muted-foreground text-xs">+{hidden}</span>}
      <span className="text-muted-foreground text-xs">{others === 0 ? `Only you ${label}` : `${others} other${others === 1 ? "" : "s"} ${label}`}</span>
    </div>
  );
}
