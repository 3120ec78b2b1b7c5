import type { IncidentStatus } from "@/db/schema";
import type { BoardCardView, BoardView, OpenStatus } from "@/lib/incidents/shared";

const isOpen = (s: IncidentStatus) => s === "triage" || s === "investigating" || s === "fixing";

export function findCard(view: BoardView | undefined, id: string): BoardCardView | undefined {
  if (!view) return undefined;
  return view.open.find((c) => c.id === id) ?? view.resolved.items.find((c) => c.id === id);
}

/** Open cards stay newest-opened first, as the server orders them. */
function insertByCreatedAt(list: BoardCardView[], card: BoardCardView): BoardCardView[] {
  const i = list.findIndex((c) => c.createdAt < card.createdAt || (c.createdAt === card.createdAt && c.number < card.number));
  return i < 0 ? [...list, card] : [...list.slice(0, i), card, ...list.slice(i)];
}

/**
 * The board with one card moved to `status` (and `patch` applied), as the server will have it:
 * the optimistic update of a drag, and its revert (with the original card as `patch`). Cards entering the resolved column go on top
 * (newest resolution first); the column's total follows.
 */
export function withCardMoved(
  view: BoardView,
  id: string,
  status: IncidentStatus,
  patch: Partial<BoardCardView> = {},
  now: Date = new Date(),
): BoardView {
  const current = findCard(view, id);
  if (!current) return view;
  const wasOpen = isOpen(current.status);
  const card: BoardCardView = {
    ...current,
    status,
    resolvedAt: isOpen(status) ? null : current.resolvedAt && !wasOpen ? current.resolvedAt : now.toISOString(),
    ...patch,
  };
  const open = view.open.filter((c) => c.id !== id);
  const resolvedItems = view.resolved.items.filter((c) => c.id !== id);
  const leftResolved = !wasOpen && isOpen(status);
  const enteredResolved = wasOpen && !isOpen(status);
  const openCounts = { ...view.openCounts };
  if (isOpen(current.status)) openCounts[current.status as OpenStatus] = Math.max(0, openCounts[current.status as OpenStatus] - 1);
  if (isOpen(status)) openCounts[status as OpenStatus] += 1;
  return {
    ...view,
    openCounts,
    open: isOpen(status) ? insertByCreatedAt(open, card) : open,
    resolved: {
      ...view.resolved,
      items: isOpen(status)
        ? resolvedItems
        : wasOpen
          ? [card, ...resolvedItems]
          : view.resolved.items.map((c) => (c.id === id ? card : c)),
      total: Math.max(0, view.resolved.total + (enteredResolved ? 1 : 0) - (leftResolved ? 1 : 0)),
    },
  };
}

/** The card's fields replaced in place (e.g. its new version after the server accepted a move). */
export function withCardPatched(view: BoardView, id: string, patch: Partial<BoardCardView>): BoardView {
  const apply = (c: BoardCardView) => (c.id === id ? { ...c, ...patch } : c);
  return { ...view, open: view.open.map(apply), resolved: { ...view.resolved, items: view.resolved.items.map(apply) } };
}
