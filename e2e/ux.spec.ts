import { expect, test, type APIRequestContext } from "@playwright/test";
import { BoardPage } from "./pages/board-page";
import { createIncidentViaApi, IncidentPage } from "./pages/incident-page";

/**
 * The board and the incident page as an on-call engineer uses them (issue 19): the incident's first
 * screen, resolving with a summary, the board's order and drills switch, the connection indicator,
 * the command palette, error boundaries and the 404 page.
 */

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function createRaw(request: APIRequestContext, data: Record<string, unknown>) {
  const res = await request.post("/api/v1/incidents?workspace=acme", { data: { severity: "P2", ...data } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; number: number; key: string; title: string; version: number };
}

test.describe("incident page first screen", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("shows status, severity, owner, SLA and the latest diagnosis' summary and top hypothesis without scrolling", async ({ page }) => {
    const incident = await createIncidentViaApi(page.request, {
      title: `Checkout throughput collapsed ${tag()}`,
      service: "checkout",
      team: "payments",
      severity: "P1",
      description: "Orders per second fell from 800 to under 40 after the 14:02 deploy; error logs show connection pool exhaustion.",
      metadata: {
        metrics: [
          { name: "orders_per_second", value: 38.7, baseline: 800, unit: "req/s" },
          { name: "error_rate", value: 0.31, baseline: 0.01, unit: "%", sigma: 9.4 },
        ],
        context: { recent_deploys: [{ version: "v2.4.0", minutes_ago: 12, description: "checkout: new connection pool settings" }], feature_flags: [] },
        runbook_urls: ["https://runbooks.example.com/checkout"],
      },
    });
    const diagnosed = await page.request.post(`/api/v1/incidents/${incident.id}/diagnose?workspace=acme`);
    expect(diagnosed.ok(), await diagnosed.text()).toBe(true);

    const view = new IncidentPage(page);
    await view.goto(incident.id);
    const overview = page.getByTestId("incident-overview");
    await expect(overview.getByTestId("overview-status")).toContainText("Triage");
    await expect(overview.getByTestId("overview-severity")).toContainText("P1");
    await expect(overview.getByTestId("overview-owner")).toContainText("payments");
    await expect(overview.getByTestId("overview-sla")).toContainText(/Response .*left/);
    const summary = overview.getByTestId("overview-diagnosis-summary");
    await expect(summary).not.toBeEmpty();
    await expect(summary).toBeInViewport();
    await expect(overview.getByTestId("overview-top-hypothesis")).toBeInViewport();
    await expect(overview.getByTestId("overview-next-step")).toBeInViewport();

    // The side column stays in view while the page scrolls.
    await page.getByTestId("incident-section-nav").getByRole("link", { name: /Metrics/ }).click();
    await expect(page.getByTestId("incident-side").getByTestId("incident-controls")).toBeInViewport();

    // One unit per column: 800 → 38.7 is −95 %, σ has its own column.
    const table = page.getByTestId("incident-metrics-table");
    await expect(table.getByTestId("metric-change").first()).toHaveText("−95 %");
    await expect(table.getByTestId("metric-sigma").nth(1)).toHaveText("+9.4σ");
    // Known metadata as UI (a link), the rest behind Raw; empty lists are not shown as [].
    await expect(page.getByTestId("incident-runbook-link")).toHaveAttribute("href", "https://runbooks.example.com/checkout");
    await expect(page.getByTestId("incident-metadata")).not.toContainText("[]");
    await expect(page.getByTestId("metadata-raw")).toHaveCount(0);
    await page.getByTestId("metadata-raw-toggle").click();
    await expect(page.getByTestId("metadata-raw")).toContainText('"runbook_urls"');
  });
});

test.describe("resolving", () => {
  test("a drop on Resolved asks for a summary and cause, and the incident shows them", async ({ page }) => {
    const service = `svc-${tag()}`;
    const incident = await createIncidentViaApi(page.request, { title: `Resolve with words ${tag()}`, service, severity: "P2" });
    const board = new BoardPage(page);
    await board.goto(`?service=${service}`);
    await board.dragCardTo(incident.number, "resolved", { summary: "Rolled back v2.4.0", cause: "Pool size halved by the deploy" });

    const view = new IncidentPage(page);
    await view.goto(incident.id);
    await expect(page.getByTestId("incident-resolution-summary")).toHaveText("Rolled back v2.4.0");
    await expect(page.getByTestId("incident-resolution-cause")).toContainText("Pool size halved by the deploy");
    const rest = await (await page.request.get(`/api/v1/incidents/${incident.id}?workspace=acme`)).json();
    expect(rest).toMatchObject({ status: "resolved", resolution_summary: "Rolled back v2.4.0", resolution_cause: "Pool size halved by the deploy" });
  });

  test("the incident page's Resolve also asks, and resolving without words still resolves", async ({ page }) => {
    const incident = await createIncidentViaApi(page.request, { title: `Resolve from the page ${tag()}`, severity: "P3" });
    const view = new IncidentPage(page);
    await view.goto(incident.id);
    await view.setStatus("resolved");
    await expect(page.getByTestId("overview-status")).toContainText("Resolved");
    await expect(page.getByTestId("incident-resolution")).toHaveCount(0);
  });
});

test.describe("board order and drills", () => {
  test("open columns put P0 first, a switch in the URL sorts by recency instead", async ({ page }) => {
    const service = `sort-${tag()}`;
    const p0 = await createIncidentViaApi(page.request, { title: `Older P0 ${tag()}`, service, severity: "P0" });
    const p2 = await createIncidentViaApi(page.request, { title: `Newer P2 ${tag()}`, service, severity: "P2" });
    const board = new BoardPage(page);
    await board.goto(`?service=${service}`);
    const cards = board.column("triage").locator('[data-testid^="incident-card-"]');
    await expect(cards).toHaveCount(2);
    await expect(cards.first()).toHaveAttribute("data-testid", `incident-card-${p0.number}`);

    await page.getByTestId("board-sort-recency").click();
    await expect(page).toHaveURL(/sort=recency/);
    await expect(cards.first()).toHaveAttribute("data-testid", `incident-card-${p2.number}`);
    await page.reload();
    await board.waitForHydration();
    await expect(cards.first()).toHaveAttribute("data-testid", `incident-card-${p2.number}`);
  });

  test("Real / Drills / All hides drills or real incidents, stays in the URL, and drill cards are marked", async ({ page }) => {
    const service = `kind-${tag()}`;
    const real = await createRaw(page.request, { title: `Real one ${tag()}`, service });
    const drill = await createRaw(page.request, { title: `Drill one ${tag()}`, service, incident_type: "synthetic" });
    const board = new BoardPage(page);
    await board.goto(`?service=${service}`);
    await expect(board.card(real.number)).toBeVisible();
    await expect(board.card(drill.number)).toContainText("Drill");

    await page.getByTestId("filter-kind-real").click();
    await expect(page).toHaveURL(/kind=real/);
    await expect(board.card(drill.number)).toHaveCount(0);
    await expect(board.card(real.number)).toBeVisible();

    await page.getByTestId("filter-kind-drills").click();
    await expect(page).toHaveURL(/kind=drills/);
    await expect(board.card(real.number)).toHaveCount(0);
    await expect(board.card(drill.number)).toBeVisible();

    await page.reload();
    await board.waitForHydration();
    await expect(board.card(real.number)).toHaveCount(0);
    await expect(page.getByTestId("filter-kind-drills")).toHaveAttribute("aria-checked", "true");
  });
});

test.describe("everywhere", () => {
  test("the header's indicator says Live, then Reconnecting when the connection to the server is lost", async ({ page, context }) => {
    const board = new BoardPage(page);
    await board.goto();
    const indicator = page.locator("header").getByTestId("connection-status");
    await expect(indicator).toHaveAttribute("data-state", "connected", { timeout: 15_000 });
    await expect(indicator).toContainText("Live");
    await context.setOffline(true);
    await expect(indicator).toHaveAttribute("data-state", "reconnecting");
    await expect(indicator).toContainText("Reconnecting");
    await context.setOffline(false);
    await expect(indicator).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  });

  test("⌘K / Ctrl+K finds a resolved incident and opens it", async ({ page }) => {
    const word = `Zebrafish${tag()}`;
    const incident = await createIncidentViaApi(page.request, { title: `${word} queue stalled`, severity: "P3" });
    const moved = await page.request.patch(`/api/v1/incidents/${incident.id}?workspace=acme`, { data: { version: incident.version, status: "resolved" } });
    expect(moved.status(), await moved.text()).toBe(200);

    const board = new BoardPage(page);
    await board.goto();
    await page.keyboard.press("Control+k");
    const palette = page.getByTestId("command-palette");
    await expect(palette).toBeVisible();
    await page.getByTestId("command-palette-input").fill(word);
    const hit = palette.getByTestId("palette-incident").filter({ hasText: word });
    await expect(hit).toHaveCount(1);
    await expect(hit).toContainText("Resolved");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/incidents/${incident.id}$`));
    await expect(page.getByTestId("incident-title")).toHaveText(`${word} queue stalled`);
  });

  test("shortcuts: ? lists them, / focuses the board search, c opens New incident", async ({ page }) => {
    const board = new BoardPage(page);
    await board.goto();
    await page.locator("body").press("?");
    await expect(page.getByTestId("shortcuts-dialog")).toContainText("Go to the board");
    await page.keyboard.press("Escape");
    await page.locator("body").press("/");
    await expect(page.getByTestId("filter-search")).toBeFocused();
    await page.getByTestId("filter-search").press("Escape");
    await page.locator("body").click({ position: { x: 5, y: 200 } });
    await page.keyboard.press("c");
    await expect(page.getByTestId("create-incident-dialog")).toBeVisible();
  });

  test("an error while rendering the board shows the section's error boundary with a retry", async ({ page }) => {
    const board = new BoardPage(page);
    await board.goto();
    // The next refetch answers with a board the screen cannot render.
    await page.route(/\/api\/workspaces\/acme\/board\?.*kind=drills/, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ open: null, resolved: null }) }),
    );
    await page.getByTestId("filter-kind-drills").click();
    await expect(page.getByTestId("route-error")).toContainText("The board could not be shown");
    await expect(page.getByTestId("route-error-retry")).toBeVisible();
    // The app header is still there to navigate away.
    await expect(page.getByTestId("app-logo")).toBeVisible();
  });

  test("an unknown page is a branded 404 with a way back to the board", async ({ page }) => {
    const res = await page.goto("/no-such-page-here");
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toContainText("This page does not exist");
    await page.getByTestId("not-found-board").click();
    await expect(page).toHaveURL(/\/board/);
  });
});
