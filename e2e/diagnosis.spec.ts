import { expect, test } from "@playwright/test";
import { createIncidentViaApi } from "./pages/incident-page";

/**
 * The AI diagnosis panel on /incidents/<id> (components/diagnosis/diagnosis-panel.tsx, embedded by
 * IncidentScreen's `diagnosis` slot). With no Groq/Gemini keys the offline engine answers, streamed
 * through the same route and the same `useObject` client as the LLMs.
 *
 * Stable data-testid attributes: diagnosis-panel (data-state = idle | streaming | done,
 * data-hydrated), diagnose-button, diagnosis-summary, diagnosis-hypothesis, diagnosis-action,
 * diagnosis-meta, diagnosis-skipped, diagnosis-runs, diagnosis-history-toggle, diagnosis-history,
 * diagnosis-chain (in the top hypothesis) with diagnosis-chain-step (data-role = cause | mechanism |
 * symptom), diagnosis-dismissed with diagnosis-dismissed-item.
 */
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("AI diagnosis", () => {
  test("Diagnose streams the summary before the hypotheses finish; after a reload the diagnosis is still there", async ({ page }) => {
    const incident = await createIncidentViaApi(page.request, {
      title: `e2e diagnosis ${unique()}: payment-service memory climbing`,
      service: "payment-service",
      severity: "P2",
      description: "Pods restart every 20 minutes.",
      metadata: {
        metrics: [
          { name: "memory_usage_percent", value: 95, baseline: 25, unit: "%" },
          { name: "heap_allocations_total", value: 15_000_000, baseline: 2_000_000 },
          { name: "garbage_collections_total", value: 5000, baseline: 500 },
        ],
        context: { recent_deploys: [{ version: "v2.3.1", minutes_ago: 360, description: "Added Redis connection pooling" }] },
      },
    });

    await page.goto(`/incidents/${incident.id}`);
    const panel = page.locator("[data-testid=diagnosis-panel][data-hydrated=true]");
    await expect(panel).toBeVisible();
    await expect(panel).toHaveAttribute("data-state", "idle");

    // Watch the panel: note what was on screen when the summary first appeared, and when it finished.
    await page.evaluate(() => {
      const w = window as unknown as { __diagnosis: { summaryAt?: number; hypothesesAtSummary?: number; stateAtSummary?: string | null; doneAt?: number } };
      w.__diagnosis = {};
      const observer = new MutationObserver(() => {
        const p = document.querySelector("[data-testid=diagnosis-panel]");
        if (!p) return;
        const now = performance.now();
        if (w.__diagnosis.summaryAt === undefined && p.querySelector("[data-testid=diagnosis-summary]")?.textContent) {
          w.__diagnosis.summaryAt = now;
          w.__diagnosis.hypothesesAtSummary = p.querySelectorAll("[data-testid=diagnosis-hypothesis]").length;
          w.__diagnosis.stateAtSummary = p.getAttribute("data-state");
        }
        if (w.__diagnosis.doneAt === undefined && p.getAttribute("data-state") === "done" && p.querySelector("[data-testid=diagnosis-meta]")) {
          w.__diagnosis.doneAt = now;
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });

    await panel.getByTestId("diagnose-button").click();
    await expect(panel.getByTestId("diagnosis-meta")).toContainText("Offline engine", { timeout: 20_000 });
    const seen = await page.evaluate(() => (window as unknown as { __diagnosis: Record<string, unknown> }).__diagnosis);
    expect(seen.stateAtSummary).toBe("streaming");
    expect(seen.hypothesesAtSummary).toBe(0);
    expect(seen.summaryAt as number).toBeLessThan(seen.doneAt as number);

    await expect(panel.getByTestId("diagnosis-hypothesis").first()).toContainText(/memory/i);
    await expect(panel.getByTestId("diagnosis-action").first()).toContainText(/risk/);
    await expect(panel.getByTestId("diagnosis-meta")).toContainText(/first token.*total.*tokens/);
    const summary = (await panel.getByTestId("diagnosis-summary").textContent())!;
    expect(summary).toMatch(/memory/i);

    await page.reload();
    const reloaded = page.locator("[data-testid=diagnosis-panel][data-hydrated=true]");
    await expect(reloaded.getByTestId("diagnosis-summary")).toHaveText(summary);
    await expect(reloaded.getByTestId("diagnosis-meta")).toContainText("Offline engine");

    // Re-running keeps the history.
    await reloaded.getByTestId("diagnose-button").click();
    await expect(reloaded).toHaveAttribute("data-state", "done", { timeout: 20_000 });
    await reloaded.getByTestId("diagnosis-history-toggle").click();
    await expect(reloaded.getByTestId("diagnosis-history").locator("li")).toHaveCount(1);

    // One call for automation returns the finished diagnosis as JSON, and it joins the history.
    const direct = await page.request.post(`/api/v1/incidents/${incident.id}/diagnose?workspace=acme`);
    expect(direct.status(), await direct.text()).toBe(201);
    expect(await direct.json()).toMatchObject({ incident_id: incident.id, provider: "offline", diagnosis: { category: "memory", abstained: false } });

    const history = await page.request.get(`/api/v1/incidents/${incident.id}/diagnoses?workspace=acme`);
    expect(history.status()).toBe(200);
    const { items } = (await history.json()) as { items: { provider: string; diagnosis: { category: string } }[] };
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ provider: "offline", diagnosis: { category: "memory" } });
  });

  test("the top hypothesis shows the chain cause → mechanism → symptom, and the red herring is named as dismissed", async ({ page }) => {
    // A pool-size change 22 minutes ago, pool waits from 20 minutes ago, and a deploy of another service 3
    // minutes ago: the loudest signal is the pool, the latest change is the deploy, the cause is the change.
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const incident = await createIncidentViaApi(page.request, {
      title: `e2e causal chain ${unique()}: orders-api timing out`,
      service: "orders-api",
      severity: "P2",
      description: "Requests hang for 30 s, then fail.",
      metadata: {
        metrics: [
          { name: "pgbouncer_pools_client_waiting_connections", value: 420, baseline: 0, started_at: ago(20) },
          { name: "http_server_requests_seconds_p99", value: 30, baseline: 0.4, started_at: ago(19) },
          { name: "pg_stat_statements_mean_exec_time_ms", value: 3.1, baseline: 2.9 },
        ],
        context: {
          config_changes: [{ service: "pgbouncer", minutes_ago: 22, what: "pgbouncer pool_size 50 → 5 (templated per node)" }],
          recent_deploys: [{ version: "web-gateway@1.44.0", service: "web-gateway", minutes_ago: 3, description: "Add request id header" }],
        },
      },
    });

    await page.goto(`/incidents/${incident.id}`);
    const panel = page.locator("[data-testid=diagnosis-panel][data-hydrated=true]");
    await panel.getByTestId("diagnose-button").click();
    await expect(panel).toHaveAttribute("data-state", "done", { timeout: 20_000 });

    const top = panel.getByTestId("diagnosis-hypothesis").first();
    await expect(top).toContainText(/configuration/i);
    const chain = top.getByTestId("diagnosis-chain");
    await expect(chain).toBeVisible();
    const steps = chain.getByTestId("diagnosis-chain-step");
    await expect(steps.first()).toHaveAttribute("data-role", "cause");
    await expect(steps.first()).toContainText("pool_size 50 → 5");
    await expect(steps.nth(1)).toHaveAttribute("data-role", "mechanism");
    await expect(steps.last()).toHaveAttribute("data-role", "symptom");
    await expect(steps.last()).toContainText("pgbouncer_pools_client_waiting_connections");
    // Only the top hypothesis carries the chain.
    await expect(panel.getByTestId("diagnosis-chain")).toHaveCount(1);

    const dismissed = panel.getByTestId("diagnosis-dismissed");
    await expect(dismissed.getByTestId("diagnosis-dismissed-item").filter({ hasText: "web-gateway@1.44.0" })).toContainText("after the first anomaly");
    await expect(dismissed).toContainText("pg_stat_statements_mean_exec_time_ms");

    // Saved with the diagnosis: still there after a reload.
    await page.reload();
    const reloaded = page.locator("[data-testid=diagnosis-panel][data-hydrated=true]");
    await expect(reloaded.getByTestId("diagnosis-chain").getByTestId("diagnosis-chain-step").first()).toContainText("pool_size 50 → 5");
  });
});
