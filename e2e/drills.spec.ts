import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { AgentPanel } from "./pages/agent-panel";
import { IncidentPage } from "./pages/incident-page";
import type { Page } from "@playwright/test";

/** With SCREENSHOT_DIR set, saves the page at desktop and phone widths (for reviewing the UI by eye). */
async function shoot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/**
 * Game days end to end, as a facilitator who also plays: plan a drill at 10×, start it, get the
 * incident through intake, acknowledge it, accept the right cause, remediate with the SRE agent,
 * end the drill, and see the score, the debrief and the leaderboard entry. Then the analytics page
 * shows the drill in its drills view (and not in production), with a CSV matching its chart.
 */
test.describe("game days", () => {
  test("run a drill at high speed, take the right action, and see the score and the leaderboard entry", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto("/drills");
    const form = page.locator("[data-testid=new-drill-form][data-hydrated=true]");
    await expect(form).toBeVisible();
    await form.getByTestId("drill-scenario").selectOption("payment_failure");
    await form.getByTestId("drill-speed").fill("10");
    await form.getByTestId("drill-ai").uncheck();
    await expect(form.getByTestId("drill-participant").first()).toBeChecked();
    await form.getByTestId("drill-create").click();
    await page.waitForURL(/\/drills\/[0-9a-f-]{36}$/);
    const drillId = page.url().split("/").pop()!;
    const drill = page.locator("[data-testid=drill-page][data-hydrated=true]");
    await expect(drill).toHaveAttribute("data-status", "planned");

    await drill.getByTestId("drill-start").click();
    await expect(drill).toHaveAttribute("data-status", "running");
    // The incident arrives through intake, like a real one.
    const link = drill.getByTestId("drill-incident-link");
    await expect(link).toBeVisible({ timeout: 60_000 });

    // The participants answer: the root cause from the drill page.
    await drill.getByTestId("drill-cause").selectOption("bad_feature_flag");
    await drill.getByTestId("drill-accept").click();
    await expect(drill.getByTestId("drill-accepted-cause")).toHaveText("bad_feature_flag");

    // Acknowledge and remediate on the incident page: the agent's plan toggles the flag back.
    await link.click();
    const incident = new IncidentPage(page);
    await expect(incident.screen).toBeVisible();
    await incident.setStatus("investigating");
    const agent = new AgentPanel(page);
    await expect(agent.panel).toBeVisible();
    await agent.requestPlan();
    await expect(agent.plan.getByTestId("plan-step").first()).toHaveAttribute("data-action", "toggle_feature_flag");
    await agent.plan.getByTestId("plan-approve").click();
    await expect(agent.plan).toHaveAttribute("data-status", "succeeded", { timeout: 90_000 });

    // End the drill: the score and the debrief, the answer revealed.
    await page.goto(`/drills/${drillId}`);
    await drill.getByTestId("drill-end").click();
    await expect(drill).toHaveAttribute("data-status", "ended", { timeout: 30_000 });
    const score = drill.getByTestId("drill-score");
    await expect(score).toContainText("payment_errors");
    await expect(score.locator("[data-key=diagnosis]")).toHaveAttribute("data-points", "30");
    await expect(score.locator("[data-key=remediation]")).toHaveAttribute("data-points", "25");
    await expect(score.locator("[data-key=acknowledge]")).toHaveAttribute("data-points", "20");
    await expect(drill.getByTestId("drill-debrief")).toContainText("What went well:");
    const total = Number(await drill.getByTestId("drill-total").textContent());
    expect(total).toBeGreaterThanOrEqual(75);

    // The REST document carries the same score.
    const api = await (await page.request.get(`/api/v1/drills/${drillId}?workspace=acme`)).json();
    expect(api.score.total).toBe(total);
    expect(api.score.diagnosis_correct).toBe(true);
    await shoot(page, "drill-ended");

    // The leaderboard lists the participant.
    await page.goto("/drills");
    await expect(page.getByTestId("leaderboard-row").first()).toBeVisible();
    await expect(page.locator(`[data-testid=drill-item][data-drill-id="${drillId}"]`)).toContainText(String(total));
    const board = await (await page.request.get("/api/v1/drills/leaderboard?workspace=acme")).json();
    expect(board.items[0].best_score).toBeGreaterThanOrEqual(total);
    await shoot(page, "drills");
  });

  test("the analytics page renders with data, keeps drills in their own view, and its CSV matches the chart", async ({ page, baseURL }) => {
    // A real incident, so production figures have data.
    const created = await page.request.post("/api/v1/incidents?workspace=acme", { data: { title: "Analytics e2e: checkout errors", service: "checkout", severity: "P2" }, headers: { origin: baseURL! } });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto("/analytics");
    await expect(page.getByTestId("analytics-page")).toBeVisible();
    await expect(page.getByTestId("chart-over-time")).toBeVisible();
    await expect(page.getByTestId("tile-incidents")).toBeVisible();

    await page.getByTestId("analytics-view-toggle").click();
    await page.waitForURL(/view=drills/);
    const summary = await (await page.request.get("/api/v1/analytics/summary?workspace=acme&view=drills")).json();
    expect(summary.totals.incidents).toBeGreaterThanOrEqual(1);
    await shoot(page, "analytics-drills");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-over-time").click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8").trim().split("\r\n");
    expect(csv[0]).toBe("bucket,opened,resolved");
    expect(csv.slice(1)).toEqual(summary.over_time.map((p: { bucket: string; opened: number; resolved: number }) => `${p.bucket},${p.opened},${p.resolved}`));

    // Filters live in the URL.
    await page.goto("/analytics?severity=P2");
    await expect(page.getByTestId("analytics-page")).toContainText("· P2");
    await shoot(page, "analytics-p2");
  });
});
