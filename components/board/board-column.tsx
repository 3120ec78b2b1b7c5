"use client";

import * as React from "react";
import { useDroppable } from "@dnd-kit/core";
import { ChevronLeftIcon, ChevronRightIcon, CircleAlertIcon, CircleCheckIcon, SearchIcon, WrenchIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { statusDotClasses } from "@/components/incidents/status-badge";
import { cn } from "@/lib/utils";
import type { BoardCardView, BoardColumnId } from "@/lib/incidents/shared";
import { columnLabel } from "./dnd";
import { IncidentCard } from "./incident-card";

const emptyText: Record<BoardColumnId, { icon: typeof CircleAlertIcon; title: string; hint: string }> = {
  triage: { icon: CircleAlertIcon, title: "Nothing to triage", hint: "New incidents from webhooks, the simulator or the New incident button land here." },
  investigating: { icon: SearchIcon, title: "No one is investigating", hint: "Drag a card here when someone picks it up." },
  fixing: { icon: WrenchIcon, title: "No fixes under way", hint: "Drag a card here once the cause is known." },
  resolved: { icon: CircleCheckIcon, title: "Nothing resolved yet", hint: "Resolved and closed incidents collect here, newest first." },
};

export type ResolvedPaging = {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
};

export function BoardColumn({
  id,
  cards,
  count,
  basePath,
  canMove,
  pendingIds,
  paging,
  filtered,
  onShowAll,
}: {
  id: BoardColumnId;
  cards: BoardCardView[];
  count: number;
  basePath: string;
  canMove: boolean;
  pendingIds: Set<string>;
  paging?: ResolvedPaging;
  filtered: boolean;
  /** Set when the column shows fewer cards than it holds: loads the rest. */
  onShowAll?: () => void;
}) {
  const { setNodeRef, isOver, active } = useDroppable({ id, disabled: !canMove });
  const empty = emptyText[id];
  const EmptyIcon = empty.icon;
  const dragFromHere = active && (active.data.current as { card?: BoardCardView } | undefined)?.card?.status === id;
  return (
    <section
      aria-labelledby={`column-title-${id}`}
      data-testid={`column-${id}`}
      className={cn(
        "bg-muted/40 flex max-h-[calc(100dvh-13rem)] min-h-72 w-[85vw] max-w-sm shrink-0 snap-start flex-col rounded-xl border md:w-auto md:max-w-none md:min-w-0 md:shrink",
        id === "resolved" && "bg-muted/20",
      )}
    >
      <header className="flex items-center gap-2 px-3 pt-3 pb-2">
        <span aria-hidden className={cn("size-2 rounded-full", statusDotClasses[id])} />
        <h2 id={`column-title-${id}`} className="text-sm font-semibold">
          {columnLabel(id)}
        </h2>
        <span data-testid={`column-count-${id}`} className="bg-background text-muted-foreground rounded-full border px-1.5 text-xs font-medium tabular-nums">
          {count.toLocaleString("en")}
        </span>
        {id === "resolved" && <span className="text-muted-foreground ml-auto text-xs">incl. closed</span>}
      </header>
      <div
        ref={setNodeRef}
        className={cn(
          "mx-1.5 mb-1.5 flex-1 overflow-y-auto rounded-lg p-1.5 transition-colors",
          isOver && !dragFromHere && "bg-primary/5 outline-primary/40 outline-2 -outline-offset-2 outline-dashed",
        )}
      >
        {cards.length === 0 ? (
          <div className="text-muted-foreground flex h-full min-h-40 flex-col items-center justify-center gap-2 rounded-lg border border-dashed px-4 py-8 text-center">
            <EmptyIcon aria-hidden className="size-5 opacity-60" />
            <p className="text-foreground/80 text-sm font-medium">{filtered ? "No matches" : empty.title}</p>
            <p className="text-xs">{filtered ? "Nothing in this column matches the filters." : empty.hint}</p>
          </div>
        ) : (
          <ul className="flex flex-col gap-2" aria-label={`${columnLabel(id)} incidents`}>
            {cards.map((card) => (
              <IncidentCard key={card.id} card={card} href={`${basePath}/incidents/${card.id}`} canMove={canMove} pending={pendingIds.has(card.id)} />
            ))}
          </ul>
        )}
      </div>
      {onShowAll && cards.length < count && (
        <div className="border-t px-3 py-2">
          <Button variant="ghost" size="sm" className="w-full" data-testid={`column-show-all-${id}`} onClick={onShowAll}>
            Show all {count.toLocaleString("en")}
          </Button>
        </div>
      )}
      {paging && (paging.total > paging.pageSize || paging.page > 1) && <Pagination {...paging} />}
    </section>
  );
}

function Pagination({ page, pageSize, total, onPage }: ResolvedPaging) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = Math.min(total, (page - 1) * pageSize + 1);
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Resolved incidents pages" className="flex items-center gap-1 border-t px-3 py-2">
      <span data-testid="resolved-range" className="text-muted-foreground mr-auto text-xs tabular-nums">
        {from.toLocaleString("en")}–{to.toLocaleString("en")} of {total.toLocaleString("en")}
      </span>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Newer resolved incidents"
        data-testid="resolved-prev"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        <ChevronLeftIcon />
      </Button>
      <span className="text-muted-foreground text-xs tabular-nums">
        {page} / {pages}
      </span>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Older resolved incidents"
        data-testid="resolved-next"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        <ChevronRightIcon />
      </Button>
    </nav>
  );
}
