import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { loadBoardSearchParams } from "@/lib/incidents/shared";
import { toBoardView } from "@/lib/incidents/shared";
import { getBoard } from "@/lib/incidents";
import { boardFiltersSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

/**
 * The board's JSON for react-query refetches (after a move, a filter change, a realtime event):
 * the same query string as the /board page.
 */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor, request }) => {
  const { resolved, ...rawFilters } = loadBoardSearchParams(request);
  const filters = parseInput(boardFiltersSchema, rawFilters);
  const board = await getBoard(db, actor.workspaceId, filters, resolved, { userId: actor.kind === "user" ? actor.id : null });
  // `all=1`: every open card (the board's "Show all"); otherwise each open column is cut.
  const all = new URL(request.url).searchParams.get("all") === "1";
  return json(toBoardView(board, all ? null : undefined), { headers: { "cache-control": "no-store" } });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
