import { getDb } from "@/db";
import { ScenarioBuilder } from "@/components/simulation/scenario-builder";
import type { Caller } from "@/lib/api/caller";
import { findBuiltinScenario } from "@/lib/simulation";
import { getScenario, getWorkspaceWorld } from "@/lib/simulation";

const template = {
  id: "checkout_slowdown",
  name: "Checkout slowdown",
  description: "Checkout's p95 climbs after a release; the frontend waits on it.",
  root_service: "checkout",
  severity: "high",
  difficulty: "intermediate",
  tags: ["performance", "deployment"],
  duration_seconds: 240,
  faults: [
    {
      service: "checkout",
      start_offset_seconds: 0,
      fixed_by: ["rollback"],
      metrics: [
        { name: "http_request_duration_seconds_p95", value: 6, baseline: 0.6, sigma: 6, pattern: "linear", unit: "s" },
        { name: "error_rate_percent", value: 12, baseline: 0.2, sigma: 5, pattern: "step", unit: "%" },
      ],
    },
  ],
  context: { recent_deploys: [{ version: "v4.2.0", minutes_ago: 12, description: "New order validation", service: "checkout" }], feature_flags: [] },
  expected_root_cause: "deployment_issue",
  expected_action_types: ["rollback"],
};

/**
 * The scenario builder for one workspace, shared by the team app (basePath "") and the demo
 * ("/demo"): starts from a template, or from a copy of an existing scenario (`from`).
 */
export async function ScenarioBuilderScreen({ caller: { actor, workspace }, basePath, from }: { caller: Caller; basePath: string; from?: string }) {
  const db = await getDb();
  const workspaceSlug = workspace.slug;
  let initial: object = template;
  if (from) {
    const source = await getScenario(db, actor.workspaceId, from).catch(() => null);
    if (source) {
      const { source: kind, ...definition } = source;
      // A copy of a built-in needs its own id; a custom scenario is edited in place.
      initial = kind === "builtin" || findBuiltinScenario(definition.id) ? { ...definition, id: `${definition.id}_copy`, name: `${definition.name} (copy)` } : definition;
    }
  }
  const { topology } = await getWorkspaceWorld(db, actor.workspaceId);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Scenario builder</h1>
        <p className="text-muted-foreground text-sm">Write a scenario, or import one; it is checked as you type and runs like the built-ins once saved.</p>
      </div>
      <ScenarioBuilder workspaceSlug={workspaceSlug} basePath={basePath} initial={JSON.stringify(initial, null, 2)} services={topology.services.map((s) => s.name)} />
    </div>
  );
}
