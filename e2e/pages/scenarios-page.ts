/**
 * Page object of the scenarios screen (/scenarios, and /demo/scenarios with basePath "/demo").
 *
 * Stable data-testid attributes:
 *   systems-health-strip          the health strip (rendered on the client: wait for it = hydrated)
 *   system-health-<system>        a system's chip; data-healthy="true|false", data-health="<0-100>"
 *   scenario-card-<id>            a catalog card; speed-<id> (select), run-<id> (button)
 *   injection-<id>                a failure injection row; trigger-<id>, clear-<id>
 *   runs-panel                    runs in progress and recent ones
 *   run-<simulation id>           one run (data-status); run-incident-link (INC-<n> · service), stop-run
 *   scenario-json, scenario-issues, save-scenario, import-file   the builder (/scenarios/builder)
 */
import { expect, type Locator, type Page } from "@playwright/test";

export class ScenariosPage {
  constructor(
    readonly page: Page,
    readonly basePath = "",
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.basePath}/scenarios`);
    await expect(this.healthStrip()).toBeVisible();
  }

  healthStrip(): Locator {
    return this.page.getByTestId("systems-health-strip");
  }

  system(name: string): Locator {
    return this.page.getByTestId(`system-health-${name}`);
  }

  card(id: string): Locator {
    return this.page.getByTestId(`scenario-card-${id}`);
  }

  /** Starts a scenario at a speed; returns the run's row in the runs panel. */
  async run(id: string, speed: number): Promise<Locator> {
    await this.page.getByTestId(`speed-${id}`).selectOption(String(speed));
    await this.page.getByTestId(`run-${id}`).click();
    const row = this.page.getByTestId("runs-panel").locator("li[data-status]").filter({ hasText: await this.card(id).locator("[data-slot=card-title]").innerText() }).first();
    await expect(row).toBeVisible();
    return row;
  }
}
