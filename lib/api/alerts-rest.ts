import { keysToSnake } from "@/lib/api/case";
import type { MaintenanceWindowView, SignalItem, SignalPage, SilenceView } from "@/lib/alerts/shared";

/** The alerts feature's REST documents (snake_case; nested objects keep their own keys). */
export function serializeSignal(s: SignalItem) {
  return keysToSnake({ ...s, suppressedBy: s.suppressedBy });
}

export function serializeSignalPage(p: SignalPage) {
  return { items: p.items.map(serializeSignal), next_cursor: p.nextCursor };
}

export function serializeSilence(s: SilenceView) {
  return keysToSnake(s);
}

export function serializeMaintenanceWindow(w: MaintenanceWindowView) {
  return keysToSnake(w);
}
