import { getDb } from "@/db";
import { keysToSnake } from "@/lib/api/case";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { listIncidentEvents } from "@/lib/intake/incident-events";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/**
 * The incident's events, newest first: `?limit=50&before=<next_cursor>`. The first page also
 * carries `signals`: the incident's alerts with their notification counts.
 */
export const GET = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const page = await listIncidentEvents(db, actor, (await ctx.params).id, params);
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
