import Link from "next/link";
import { PlusIcon } from "lucide-react";
import { getDb } from "@/db";
import { Button } from "@/components/ui/button";
import type { Caller } from "@/lib/api/caller";
import { can } from "@/lib/auth";
import { serializeScenarioSummary } from "@/lib/simulation/shared";
import { listScenarios } from "@/lib/simulation";
import { ScenarioCatalog } from "./scenario-catalog";
import { RunsPanel } from "./runs-panel";
import { SystemsHealthStrip } from "./systems-health-strip";

/**
 * The scenarios screen, shared by the team app and the demo: the world's health, the runs in
 * progress, the catalog (cards with one-click run at a chosen speed) and the failure injections.
 */
export async function ScenariosScreen({ caller: { actor, workspace }, basePath }: { caller: Caller; basePath: string }) {
  const db = await getDb();
  const workspaceSlug = workspace.slug;
  const catalog = (await listScenarios(db, actor.workspaceId)).map(serializeScenarioSummary);
  const canRun = can(actor, "simulation:run");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Scenarios</h1>
          <p className="text-muted-foreground text-sm">
            Break the simulated Astronomy Shop on purpose. Health checks feed intake like any webhook, so incidents open on the board the same way real ones do.
          </p>
        </div>
        {canRun ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`${basePath}/scenarios/builder`}>
              <PlusIcon aria-hidden /> New scenario
            </Link>
          </Button>
        ) : null}
      </div>
      <SystemsHealthStrip workspaceSlug={workspaceSlug} />
      <RunsPanel workspaceSlug={workspaceSlug} basePath={basePath} canRun={canRun} />
      <ScenarioCatalog workspaceSlug={workspaceSlug} basePath={basePath} scenarios={catalog} canRun={canRun} />
    </div>
  );
}
