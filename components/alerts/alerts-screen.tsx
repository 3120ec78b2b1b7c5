import { getDb } from "@/db";
import type { Caller } from "@/lib/api/caller";
import { can } from "@/lib/auth";
import { listSignals, listSilences } from "@/lib/alerts";
import { AlertsList } from "./alerts-list";

/** The alerts page of a workspace (the team app's /alerts). */
export async function AlertsScreen({ caller: { actor, workspace }, basePath }: { caller: Caller; basePath: string }) {
  const db = await getDb();
  const [page, silences] = await Promise.all([listSignals(db, actor, {}), listSilences(db, actor)]);
  return (
    <div className="mx-auto w-full max-w-6xl space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        <p className="text-muted-foreground text-sm">
          Every signal intake received, newest first: alerts of Alertmanager and Grafana groups, keys that opened an incident (events over a threshold, PagerDuty
          dedup keys), and signals a silence or maintenance window held.
        </p>
      </div>
      <AlertsList workspaceSlug={workspace.slug} basePath={basePath} canSilence={can(actor, "incident:write")} initialPage={page} initialSilences={silences} />
    </div>
  );
}
