import {
  KeyboardCode,
  pointerWithin,
  rectIntersection,
  type Announcements,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
  type ScreenReaderInstructions,
} from "@dnd-kit/core";
import { statusLabels } from "@/components/incidents/status-badge";
import { boardColumns, type BoardCardView, type BoardColumnId } from "@/lib/incidents/shared";

const columnLabels: Record<BoardColumnId, string> = {
  triage: statusLabels.triage,
  investigating: statusLabels.investigating,
  fixing: statusLabels.fixing,
  resolved: "Resolved",
};

export function columnLabel(id: unknown): string {
  return typeof id === "string" && id in columnLabels ? columnLabels[id as BoardColumnId] : String(id);
}

function cardName(data: unknown): string {
  const card = (data as { card?: BoardCardView } | undefined)?.card;
  return card ? `INC-${card.number} (${card.title})` : "The incident";
}

/** The pointer decides where a mouse drop lands; the dragged card's rectangle decides for the keyboard. */
export const columnCollision: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const hits = pointerWithin(args);
    if (hits.length > 0) return hits;
  }
  return rectIntersection(args);
};

/**
 * Arrow keys move a picked-up card a whole column left or right (there is no order within a
 * column, so up and down do nothing); Space or Enter drops it, Escape cancels.
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const direction = event.code === KeyboardCode.Right ? 1 : event.code === KeyboardCode.Left ? -1 : 0;
  if (event.code === KeyboardCode.Up || event.code === KeyboardCode.Down) {
    event.preventDefault();
    return currentCoordinates;
  }
  if (!direction) return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, over } = context;
  if (!collisionRect) return undefined;
  const order = boardColumns.filter((id) => droppableRects.has(id));
  const centerX = collisionRect.left + collisionRect.width / 2;
  const currentIndex = over
    ? order.indexOf(over.id as BoardColumnId)
    : order.findIndex((id) => {
        const r = droppableRects.get(id)!;
        return centerX >= r.left && centerX <= r.left + r.width;
      });
  const targetId = order[Math.min(order.length - 1, Math.max(0, (currentIndex < 0 ? 0 : currentIndex) + direction))];
  const target = targetId ? droppableRects.get(targetId) : undefined;
  if (!target) return currentCoordinates;
  // Land the card near the top of the target column, where it would appear after the drop.
  return {
    x: currentCoordinates.x + (target.left + 8 - collisionRect.left),
    y: currentCoordinates.y + (target.top + 8 - collisionRect.top),
  };
};

export const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    "To move this incident to another column, press Space or Enter to pick it up, use the left and right arrow keys to choose the column, then press Space or Enter to drop it, or Escape to cancel.",
};

export const announcements: Announcements = {
  onDragStart: ({ active }) => `Picked up ${cardName(active.data.current)}. Use the left and right arrow keys to choose a column.`,
  onDragOver: ({ active, over }) =>
    over ? `${cardName(active.data.current)} is over the ${columnLabel(over.id)} column.` : `${cardName(active.data.current)} is not over a column.`,
  onDragEnd: ({ active, over }) =>
    over ? `${cardName(active.data.current)} was dropped in ${columnLabel(over.id)}.` : `${cardName(active.data.current)} was dropped outside the board; nothing changed.`,
  onDragCancel: ({ active }) => `Moving ${cardName(active.data.current)} was cancelled; it stays where it was.`,
};
