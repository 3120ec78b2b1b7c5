import { expect, test } from "@playwright/test";
import { BoardPage } from "./pages/board-page";
import { ScenariosPage } from "./pages/scenarios-page";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("simulator", () => {
  test("running a scenario from its card drops the payment health below the threshold and opens an incident on the board", async ({ page }) => {
    const scenarios = new ScenariosPage(page);
    await scenarios.goto();
    await expect(scenarios.card("payment_unreachable")).toContainText("critical");

    const run = await scenarios.run("payment_unreachable", 10);
    // Health checks run on world time: at 10× the payment service fails within a few seconds.
    await expect(scenarios.system("payment")).toHaveAttribute("data-healthy", "false", { timeout: 20_000 });
    const link = run.getByTestId("run-incident-link").filter({ hasText: "payment" }).first();
    await expect(link).toBeVisible({ timeout: 30_000 });
    const number = Number(/INC-(\d+)/.exec((await link.textContent()) ?? "")?.[1]);
    expect(number).toBeGreaterThan(0);

    const board = new BoardPage(page);
    await board.goto();
    await expect(board.card(number)).toBeVisible();
    await expect(board.card(number)).toContainText("payment");

    // Stopping (or the scenario ending) heals the world.
    await scenarios.goto();
    const stop = page.getByTestId("runs-panel").getByTestId("stop-run");
    if (await stop.count()) await stop.first().click();
    await expect(scenarios.system("payment")).toHaveAttribute("data-healthy", "true", { timeout: 30_000 });
  });

  test("the builder names what is wrong, then saves a valid scenario to the catalog", async ({ page }) => {
    const id = `e2e_${unique()}`;
    await page.goto("/scenarios/builder");
    await expect(page.getByTestId("scenario-builder")).toHaveAttribute("data-hydrated", "true");
    const editor = page.getByTestId("scenario-json");
    const template = JSON.parse(await editor.inputValue());
    await editor.fill(JSON.stringify({ ...template, id, severity: "apocalyptic" }, null, 2));
    await expect(page.getByTestId("scenario-issues")).toContainText("severity");
    await expect(page.getByTestId("save-scenario")).toBeDisabled();

    await editor.fill(JSON.stringify({ ...template, id, name: `E2E ${id}` }, null, 2));
    await expect(page.getByTestId("scenario-issues")).toHaveCount(0);
    await page.getByTestId("save-scenario").click();
    await page.waitForURL("**/scenarios");
    await expect(page.getByTestId(`scenario-card-${id}`)).toContainText(`E2E ${id}`);
  });
});

test.describe("topology settings", () => {
  test("an unknown dependency is named and refused; a new threshold is saved", async ({ page }) => {
    await page.goto("/settings/topology");
    await expect(page.locator("[data-hydrated=true]").first()).toBeVisible();
    const frontend = page.getByTestId("topology-row-frontend");
    const deps = frontend.getByLabel("Depends on");
    const original = await deps.inputValue();
    await deps.fill(`${original}, mainframe`);
    await page.getByTestId("save-topology").click();
    await expect(frontend).toContainText('"mainframe" is not a service of this topology');

    await deps.fill(original);
    await page.getByLabel("Threshold (%)").fill("65");
    await page.getByTestId("save-topology").click();
    await expect(page.getByText("Topology saved")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Threshold (%)")).toHaveValue("65");

    // Put the default back for the other specs.
    await page.getByLabel("Threshold (%)").fill("70");
    await page.getByTestId("save-topology").click();
    await expect(page.getByText("Topology saved")).toBeVisible();
  });
});
