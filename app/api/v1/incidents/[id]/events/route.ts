import { keysToSnake } from "@/lib/api/case";
import { callerRoute, json, searchParams, methodNotAllowed } from "@/lib/api/http";
import { listIncidentEvents } from "@/lib/intake";

export const dynamic = "force-dynamic";

/**
 * The incident's events, newest first: `?limit=50&before=<next_cursor>`. The first page also
 * carries `signals`: the incident's alerts with their notification counts.
 */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, request, params }) => {
  const page = await listIncidentEvents(db, actor, params.id, searchParams(request));
  return json({
    items: page.items.map((e) => keysToSnake(e)),
    next_cursor: page.nextCursor,
    total: page.total,
    ...(page.signals
      ? { signals: { items: page.signals.items.map((s) => keysToSnake(s)), total: page.signals.total, notifications: page.signals.notifications } }
      : {}),
  });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
