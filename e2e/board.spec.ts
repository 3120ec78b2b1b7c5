import { expect, test } from "@playwright/test";
import { BoardPage } from "./pages/board-page";
import { IncidentPage } from "./pages/incident-page";

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("incident board", () => {
  test("an incident created in the dialog can be dragged to Investigating, stays there after a reload, and its timeline shows the move", async ({
    page,
  }) => {
    const board = new BoardPage(page);
    await board.goto();
    const title = unique("Checkout 502s on card payments");
    const number = await board.createIncident({
      title,
      service: "checkout",
      team: "payments",
      severity: "P1",
      description: "Card payments fail with 502 since 10:02.",
      affectedSystems: ["checkout", "payment"],
    });
    await expect(board.cardIn("triage", number)).toContainText(title);
    await expect(board.card(number)).toContainText(`INC-${number}`);
    await expect(board.card(number).getByTestId("severity-badge")).toHaveText("P1");

    await board.dragCardTo(number, "investigating");

    await page.reload();
    await board.waitForHydration();
    await expect(board.cardIn("investigating", number)).toBeVisible();

    // Opening the card shows the incident (a dialog over the board) with the move in its timeline.
    await page.getByTestId(`incident-link-${number}`).click();
    const incident = new IncidentPage(page);
    await incident.waitForHydration();
    await expect(page.getByTestId("incident-key")).toHaveText(`INC-${number}`);
    await expect(incident.timelineItemsOfKind("status").filter({ hasText: "Investigating" })).toHaveCount(1);
  });

  test("the create dialog shows the server's field errors next to the fields", async ({ page }) => {
    const board = new BoardPage(page);
    await board.goto();
    await board.openCreateDialog();
    await board.dialog.getByLabel("Title").fill("ab");
    await board.dialog.getByTestId("create-incident-submit").click();
    await expect(page.getByTestId("create-incident-error-title")).toContainText("at least 3 characters");
    await expect(page.getByTestId("create-incident-error-service")).toContainText("required");
    await expect(board.dialog).toBeVisible();
    // Fixing a field clears its error.
    await board.dialog.getByLabel("Title").fill("Search latency above SLO");
    await expect(page.getByTestId("create-incident-error-title")).toHaveCount(0);
  });

  test("a card can be moved with the keyboard alone", async ({ page }) => {
    const board = new BoardPage(page);
    await board.goto();
    const number = await board.createIncident({ title: unique("Kafka consumer lag growing"), service: "accounting" });
    await board.moveCardWithKeyboard(number, "fixing");
    await page.reload();
    await board.waitForHydration();
    await expect(board.cardIn("fixing", number)).toBeVisible();
  });

  test("filters live in the URL, so a reloaded or shared link shows the same view", async ({ page }) => {
    const board = new BoardPage(page);
    await board.goto();
    const marker = unique("Filtered");
    const number = await board.createIncident({ title: `${marker} cart timeout`, service: "cart", severity: "P0", team: "storefront" });

    await board.search.fill(marker);
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.locator('[data-testid^="incident-card-"]')).toHaveCount(1);
    await expect(board.card(number)).toBeVisible();

    await board.filterBy("severity", "P0");
    await expect(page).toHaveURL(/severity=P0/);
    await expect(board.card(number)).toBeVisible();

    // A fresh page on the same URL renders the same view on the server.
    const shared = await page.context().newPage();
    const sharedBoard = new BoardPage(shared);
    await shared.goto(page.url());
    await sharedBoard.waitForHydration();
    await expect(sharedBoard.search).toHaveValue(marker);
    await expect(shared.locator('[data-testid^="incident-card-"]')).toHaveCount(1);
    await expect(sharedBoard.card(number)).toBeVisible();

    await board.page.getByTestId("filter-clear").click();
    await expect(page).not.toHaveURL(/[?&]q=/);
    await expect(board.search).toHaveValue("");
  });

  test("resolved incidents sit in their own column, newest resolution first", async ({ page }) => {
    const board = new BoardPage(page);
    await board.goto();
    const number = await board.createIncident({ title: unique("Disk full on worker-3"), service: "disk" });
    await board.dragCardTo(number, "resolved");
    await expect(board.column("resolved").locator('[data-testid^="incident-card-"]').first()).toHaveAttribute(
      "data-testid",
      `incident-card-${number}`,
    );
    await page.reload();
    await board.waitForHydration();
    await expect(board.column("resolved").locator('[data-testid^="incident-card-"]').first()).toHaveAttribute(
      "data-testid",
      `incident-card-${number}`,
    );
  });

  test("the app shell has the navigation, the guide and a theme switch", async ({ page }) => {
    const board = new BoardPage(page);
    await board.goto();
    await expect(page.getByTestId("app-logo")).toHaveText("Firedrill");
    await expect(page.getByTestId("nav-board")).toHaveAttribute("aria-current", "page");
    await page.getByTestId("guide-button").click();
    await expect(page.getByTestId("guide-dialog")).toContainText("How incidents arrive");
    await page.keyboard.press("Escape");
    for (const theme of ["dark", "light"] as const) {
      await page.getByTestId("theme-toggle").click();
      await page.getByTestId(`theme-${theme}`).click();
      await expect(page.getByRole("menu")).toHaveCount(0);
    }
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.getByTestId("theme-toggle").click();
    await page.getByTestId("theme-dark").click();
    await expect(page.locator("html")).toHaveClass(/dark/);
  });
});
