import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { isAppError } from "@/lib/errors";
import type { Caller } from "@/lib/api/caller";
import { can } from "@/lib/auth";
import { knownCauses } from "@/lib/diagnosis";
import { getDrillPage, listDrills, toDrillListItem } from "@/lib/drills";
import { DrillLive } from "./drill-live";

/** One drill (/drills/[id]): control view, the incident, the accepted diagnosis, the score and its comparison. */
export async function DrillScreen({ caller: { actor, workspace }, basePath, id }: { caller: Caller; basePath: string; id: string }) {
  const db = await getDb();
  const page = await getDrillPage(db, actor, id).catch((e: unknown) => {
    if (isAppError(e) && e.type === "not_found") notFound();
    throw e;
  });
  const sameSeed = (await listDrills(db, actor, { sameAs: { scenarioId: page.drill.scenarioId, seed: page.drill.seed } })).map(toDrillListItem);
  return (
    <DrillLive
      workspaceSlug={workspace.slug}
      basePath={basePath}
      initialData={page}
      causes={knownCauses()}
      sameSeed={sameSeed}
      canRun={can(actor, "simulation:run")}
      canAnswer={can(actor, "incident:write")}
    />
  );
}
