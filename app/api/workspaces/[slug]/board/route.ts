import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/permissions";
import { getBoard } from "@/lib/incidents/queries";
import { boardFiltersSchema } from "@/lib/incidents/schemas";
import { parseInput } from "@/lib/result";
import { toBoardView } from "@/components/board/board-data";
import { loadBoardSearchParams } from "@/components/board/search-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

/**
 * The board's JSON for react-query refetches (after a move, a filter change, a realtime event):
 * the same query string as the /board page, browser session only.
 */
export const GET = route(async (request: Request, ctx: Ctx) => {
  const { slug } = await ctx.params;
  const db = await getDb();
  const actor = await getCurrentActor(db, { workspaceSlug: slug });
  assertCan(actor, "incident:read");
  const { resolved, ...rawFilters } = loadBoardSearchParams(request);
  const filters = parseInput(boardFiltersSchema, rawFilters);
  const board = await getBoard(db, actor.workspaceId, filters, resolved);
  // `all=1`: every open card (the board's "Show all"); otherwise each open column is cut.
  const all = new URL(request.url).searchParams.get("all") === "1";
  return json(toBoardView(board, all ? null : undefined), { headers: { "cache-control": "no-store" } });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
