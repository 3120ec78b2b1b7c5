import { GeneratorControl } from "@/components/generator/generator-control";
import { getGeneratorStatus } from "@/lib/generator";
import { getDb, type Database } from "@/db";
import { MaintenanceBanner } from "@/components/alerts/maintenance-banner";
import type { Caller } from "@/lib/api/caller";
import { assertCan, can } from "@/lib/auth";
import { getBoard, getIncidentFacets } from "@/lib/incidents";
import { boardFiltersSchema } from "@/lib/incidents/shared";
import { PresenceBar } from "@/components/realtime/presence-bar";
import { SystemsHealthStrip } from "@/components/simulation/systems-health-strip";
import { Board } from "./board";
import { noBoardFilters, normalizeFilters, toBoardView, type BoardFilterValues } from "@/lib/incidents/shared";
import { loadBoardSearchParams } from "@/lib/incidents/shared";
import type { InitialBoard } from "./use-board";

type SearchParams = Record<string, string | string[] | undefined>;

const noFilters: BoardFilterValues = noBoardFilters;

/**
 * The whole board screen, rendered on the server for the team app (basePath "") and the demo
 * (basePath "/demo"): the current URL's view is read here and handed to the client as initialData.
 */
export async function BoardScreen({
  caller: { actor, workspace },
  basePath,
  searchParams,
}: {
  caller: Caller;
  basePath: string;
  searchParams: SearchParams | Promise<SearchParams>;
}) {
  const db = await getDb();
  const workspaceSlug = workspace.slug;
  assertCan(actor, "incident:read");
  const { resolved, ...raw } = loadBoardSearchParams(await searchParams);
  // A hand-edited URL with an over-long value shows the unfiltered board rather than an error page.
  const parsed = boardFiltersSchema.safeParse(raw);
  const filters = normalizeFilters(parsed.success ? parsed.data : noFilters);
  const initial = await loadInitialBoard(db, actor.workspaceId, filters, Math.max(1, resolved), actor.kind === "user" ? actor.id : null);
  return (
    <Board
      workspaceSlug={workspaceSlug}
      basePath={basePath}
      canWrite={can(actor, "incident:write")}
      initial={initial}
      presence={<div className="flex items-center gap-3"><GeneratorControl workspaceSlug={workspaceSlug} canRun={can(actor, "simulation:run")} basePath={basePath} initial={await getGeneratorStatus(db, actor)} /><PresenceBar workspaceSlug={workspaceSlug} room="board" /></div>}
      systemsHealth={<><MaintenanceBanner workspaceSlug={workspaceSlug} basePath={basePath} /><SystemsHealthStrip workspaceSlug={workspaceSlug} /></>}
    />
  );
}

async function loadInitialBoard(db: Database, workspaceId: string, filters: BoardFilterValues, page: number, userId: string | null): Promise<InitialBoard> {
  const [board, facets] = await Promise.all([getBoard(db, workspaceId, filters, page, { userId }), getIncidentFacets(db, workspaceId)]);
  return { filters, page, board: toBoardView(board), facets, at: Date.now() };
}
