"use client";

import { CardLead } from "@/components/oncall/card-lead";
import * as React from "react";
import Link from "next/link";
import { useDraggable } from "@dnd-kit/core";
import { Loader2Icon } from "lucide-react";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { StatusBadge } from "@/components/incidents/status-badge";
import { TimeAgo } from "@/components/incidents/time-ago";
import { cn } from "@/lib/utils";
import type { BoardCardView } from "@/lib/incidents/shared";
import { CardIcon } from "./card-icons";
import { SlaBadge } from "@/components/sla/sla-badge";

const accentBySeverity = {
  P0: "before:bg-sev-p0",
  P1: "before:bg-sev-p1",
  P2: "before:bg-sev-p2",
  P3: "before:bg-sev-p3",
} as const;

// A drop ends with a click on whatever is under the pointer; that click must not open the card.
let lastDragEndedAt = 0;
export function noteDragEnded() {
  lastDragEndedAt = Date.now();
}

type CardBodyProps = {
  card: BoardCardView;
  href: string;
  pending?: boolean;
  handle?: React.ReactNode;
  overlay?: boolean;
};

/** What a card shows; shared by the card in its column and the copy that follows the pointer. */
export function IncidentCardBody({ card, href, pending, handle, overlay }: CardBodyProps) {
  const resolvedColumn = card.status === "resolved" || card.status === "closed";
  return (
    <div
      className={cn(
        "bg-card text-card-foreground group/card relative flex gap-1 overflow-hidden rounded-lg border py-2.5 pr-3 pl-2 shadow-xs transition-[box-shadow,border-color]",
        "before:absolute before:inset-y-0 before:left-0 before:w-[3px]",
        accentBySeverity[card.severity],
        "hover:border-foreground/20 hover:shadow-sm",
        overlay && "ring-primary/30 rotate-[1.5deg] cursor-grabbing shadow-lg ring-2",
        resolvedColumn && "before:opacity-40",
      )}
    >
      {handle ?? <span aria-hidden className="w-1" />}
      <div className="min-w-0 flex-1 space-y-1.5">
        <div className="flex items-center gap-2">
          <span className="text-muted-foreground font-mono text-xs font-medium tabular-nums">INC-{card.number}</span>
          <SeverityBadge severity={card.severity} />
          {card.incidentType !== "real" && (
            <span
              className="rounded border border-violet-500/30 bg-violet-500/10 px-1 text-[10px] font-medium text-violet-700 uppercase dark:text-violet-300"
              title={card.incidentType === "training" ? "Training drill" : "Synthetic incident (simulator)"}
            >
              Drill
            </span>
          )}
          {!resolvedColumn && <SlaBadge incidentId={card.id} />}
          {pending && <Loader2Icon aria-label="Saving" className="text-muted-foreground size-3.5 animate-spin" />}
          <span className="text-muted-foreground ml-auto text-xs">
            {resolvedColumn && card.resolvedAt ? (
              <TimeAgo date={card.resolvedAt} />
            ) : (
              <TimeAgo date={card.createdAt} />
            )}
          </span>
        </div>
        <Link
          href={href}
          scroll={false}
          prefetch={false}
          draggable={false}
          data-testid={`incident-link-${card.number}`}
          onClick={(e) => {
            if (Date.now() - lastDragEndedAt < 300) e.preventDefault();
          }}
          className="focus-visible:ring-ring/50 line-clamp-2 rounded-sm text-sm leading-snug font-medium outline-none after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:ring-[3px]"
        >
          {card.title}
        </Link>
        <div className="text-muted-foreground flex min-w-0 items-center gap-3 text-xs">
          <span className="flex min-w-0 items-center gap-1" title="Service">
            <CardIcon name="server" className="size-3 shrink-0" />
            <span className="truncate">{card.service}</span>
          </span>
          {card.team && (
            <span className="flex min-w-0 items-center gap-1" title="Team">
              <CardIcon name="users" className="size-3 shrink-0" />
              <span className="truncate">{card.team}</span>
            </span>
          )}
          <CardLead incidentId={card.id} />
          <span className="ml-auto flex shrink-0 items-center gap-1 tabular-nums" title={`${card.eventCount} events`}>
            <CardIcon name="activity" className="size-3" />
            {card.eventCount}
            <span className="sr-only"> events</span>
          </span>
        </div>
        {resolvedColumn && card.status === "closed" && <StatusBadge status="closed" />}
      </div>
    </div>
  );
}

/**
 * A card on the board. The whole card can be dragged with the mouse (after a few pixels, so a click
 * still opens it); keyboard users pick it up with the grip button. Viewers get a plain card.
 */
export const IncidentCard = React.memo(function IncidentCard({
  card,
  href,
  canMove,
  pending,
}: {
  card: BoardCardView;
  href: string;
  canMove: boolean;
  pending: boolean;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: !canMove,
  });
  const handle = canMove ? (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      aria-label={`Move INC-${card.number}`}
      data-testid={`drag-handle-${card.number}`}
      className="text-muted-foreground/60 hover:text-foreground focus-visible:ring-ring/50 relative z-10 -my-1 flex w-4 shrink-0 cursor-grab items-center justify-center rounded-sm outline-none focus-visible:ring-[3px] active:cursor-grabbing"
    >
      <CardIcon name="grip" className="size-3.5" />
    </button>
  ) : undefined;
  return (
    <li
      ref={setNodeRef}
      {...(canMove ? listeners : {})}
      data-testid={`incident-card-${card.number}`}
      data-incident-id={card.id}
      data-status={card.status}
      data-pending={pending ? "true" : "false"}
      className={cn("list-none", canMove && "cursor-grab touch-manipulation select-none", isDragging && "opacity-40")}
    >
      <IncidentCardBody card={card} href={href} pending={pending} handle={handle} />
    </li>
  );
});
