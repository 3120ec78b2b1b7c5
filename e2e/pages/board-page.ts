/**
 * Page object of the incident board (/board, and /demo with basePath "/demo").
 *
 * Stable data-testid attributes (other specs rely on them; keep them when changing the UI):
 *   board                       root of the board; data-hydrated="true" once React has hydrated
 *                               (wait for it before clicking anything: see waitForHydration)
 *   board-summary               "<n> open · <m> resolved" line under the heading
 *   board-read-only             notice shown to viewers (no drag handles, no create button)
 *   board-skeleton              loading skeleton while the board streams in
 *   column-<status>             a column: column-triage, column-investigating, column-fixing,
 *                               column-resolved (holds resolved and closed incidents)
 *   column-count-<status>       the count badge of a column (resolved: total across pages)
 *   incident-card-<number>      a card (li); data-incident-id, data-status, data-pending="true"
 *                               while its move is on its way to the server
 *   incident-link-<number>      the card's link to the incident (opens the dialog in the team app)
 *   drag-handle-<number>        the card's grip (keyboard: Space, arrows, Space); absent for viewers
 *   create-incident-button      opens the create dialog; absent for viewers, rendered after hydration
 *   create-incident-dialog      the dialog; fields by label: Title, Description, Service, Team;
 *                               create-incident-severity / create-incident-severity-<P0..P3>,
 *                               create-incident-status / create-incident-status-<status>,
 *                               create-incident-systems-input (tag input: Enter adds),
 *                               create-incident-submit; errors: create-incident-error-<field>
 *   filter-search               text search (debounced; Enter applies at once)
 *   filter-severity, filter-team, filter-service   multi-select triggers (menu of checkboxes)
 *   filter-clear                clears every filter
 *   resolved-range, resolved-prev, resolved-next   pagination of the resolved column
 *   app-logo, nav-board, nav-scenarios, nav-settings, guide-button, guide-dialog,
 *   theme-toggle, theme-light / theme-dark / theme-system   the app shell
 */
import { expect, type Locator, type Page } from "@playwright/test";

export type BoardColumnStatus = "triage" | "investigating" | "fixing" | "resolved";

export class BoardPage {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly basePath = "",
  ) {
    this.root = page.getByTestId("board");
  }

  async goto(query = ""): Promise<void> {
    // The team board is /board; the demo board is the demo's root (/demo).
    await this.page.goto(`${this.basePath || "/board"}${query}`);
    await this.waitForHydration();
  }

  async waitForHydration(): Promise<void> {
    // Generous: on a loaded machine hydration alone can take many seconds.
    await expect(this.root).toHaveAttribute("data-hydrated", "true", { timeout: 45_000 });
  }

  column(status: BoardColumnStatus): Locator {
    return this.page.getByTestId(`column-${status}`);
  }

  card(number: number): Locator {
    return this.page.getByTestId(`incident-card-${number}`);
  }

  cardIn(status: BoardColumnStatus, number: number): Locator {
    return this.column(status).getByTestId(`incident-card-${number}`);
  }

  cardByTitle(title: string): Locator {
    return this.page.locator('[data-testid^="incident-card-"]', { hasText: title });
  }

  async numberOf(card: Locator): Promise<number> {
    const testId = await card.getAttribute("data-testid");
    return Number(testId?.replace("incident-card-", ""));
  }

  get createButton(): Locator {
    return this.page.getByTestId("create-incident-button");
  }

  get dialog(): Locator {
    return this.page.getByTestId("create-incident-dialog");
  }

  async openCreateDialog(): Promise<void> {
    await this.createButton.click();
    await expect(this.dialog).toBeVisible();
  }

  /** Creates an incident through the dialog and returns its number (from the card that appears). */
  async createIncident(fields: {
    title: string;
    service: string;
    description?: string;
    team?: string;
    severity?: "P0" | "P1" | "P2" | "P3";
    status?: BoardColumnStatus;
    affectedSystems?: string[];
  }): Promise<number> {
    await this.openCreateDialog();
    const d = this.dialog;
    await d.getByLabel("Title").fill(fields.title);
    if (fields.description) await d.getByLabel("Description").fill(fields.description);
    await d.getByLabel("Service").fill(fields.service);
    if (fields.team) await d.getByLabel("Team").fill(fields.team);
    if (fields.severity) {
      await d.getByTestId("create-incident-severity").click();
      await this.page.getByTestId(`create-incident-severity-${fields.severity}`).click();
    }
    if (fields.status) {
      await d.getByTestId("create-incident-status").click();
      await this.page.getByTestId(`create-incident-status-${fields.status}`).click();
    }
    // A comma turns the typed text into a tag (Enter does too; the comma needs no key event).
    for (const system of fields.affectedSystems ?? []) {
      await d.getByLabel("Affected systems").fill(`${system},`);
      await expect(d.getByRole("button", { name: `Remove ${system}` })).toBeVisible();
    }
    await d.getByTestId("create-incident-submit").click();
    await expect(this.dialog).toBeHidden();
    const card = this.cardByTitle(fields.title);
    await expect(card).toHaveCount(1);
    return this.numberOf(card);
  }

  /**
   * Drags a card onto a column with the mouse, in small steps (dnd-kit starts a drag after the
   * pointer moves a few pixels), then waits until the server has confirmed the move.
   */
  /** A drop on Resolved asks for an (optional) resolution summary and cause: fill what is given, confirm. */
  async confirmResolve(resolution: { summary?: string; cause?: string } = {}): Promise<void> {
    const dialog = this.page.getByTestId("resolve-dialog");
    await expect(dialog).toBeVisible();
    if (resolution.summary) await dialog.getByTestId("resolve-summary").fill(resolution.summary);
    if (resolution.cause) await dialog.getByTestId("resolve-cause").fill(resolution.cause);
    await dialog.getByTestId("resolve-confirm").click();
    await expect(dialog).toBeHidden();
  }

  async dragCardTo(number: number, status: BoardColumnStatus, resolution?: { summary?: string; cause?: string }): Promise<void> {
    const card = this.card(number);
    const wasOpen = ["triage", "investigating", "fixing"].includes((await card.getAttribute("data-status")) ?? "");
    await card.scrollIntoViewIfNeeded();
    const from = await card.boundingBox();
    const target = this.column(status);
    await target.scrollIntoViewIfNeeded();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error("card or column is not visible");
    const startX = from.x + from.width / 2;
    const startY = from.y + Math.min(from.height / 2, 20);
    await this.page.mouse.move(startX, startY);
    await this.page.mouse.down();
    await this.page.mouse.move(startX + 12, startY + 6, { steps: 4 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 120), { steps: 16 });
    await this.page.mouse.up();
    if (status === "resolved" && wasOpen) await this.confirmResolve(resolution);
    await expect(this.cardIn(status, number)).toBeVisible();
    await expect(this.card(number)).toHaveAttribute("data-pending", "false");
  }

  /**
   * Moves a card with the keyboard alone: focus its grip, Space to pick it up, arrows to the
   * column, Space to drop. Each step waits for the screen-reader announcement, because the board
   * measures its columns a moment after the pick-up.
   */
  async moveCardWithKeyboard(number: number, status: BoardColumnStatus): Promise<void> {
    const order: BoardColumnStatus[] = ["triage", "investigating", "fixing", "resolved"];
    const label = (s: BoardColumnStatus) => s[0].toUpperCase() + s.slice(1);
    const current = await this.card(number).getAttribute("data-status");
    let at = order.indexOf(current === "closed" ? "resolved" : (current as BoardColumnStatus));
    const target = order.indexOf(status);
    const live = this.page.locator('[id^="DndLiveRegion"]');
    await this.page.getByTestId(`drag-handle-${number}`).focus();
    await this.page.keyboard.press("Space");
    await expect(live).toContainText(`over the ${label(order[at])} column`);
    while (at !== target) {
      const step = target > at ? 1 : -1;
      await this.page.keyboard.press(step > 0 ? "ArrowRight" : "ArrowLeft");
      at += step;
      await expect(live).toContainText(`over the ${label(order[at])} column`);
    }
    await this.page.keyboard.press("Space");
    if (status === "resolved" && current !== "resolved" && current !== "closed") await this.confirmResolve();
    await expect(this.cardIn(status, number)).toBeVisible();
    await expect(this.card(number)).toHaveAttribute("data-pending", "false");
  }

  get search(): Locator {
    return this.page.getByTestId("filter-search");
  }

  async filterBy(kind: "severity" | "team" | "service", value: string): Promise<void> {
    await this.page.getByTestId(`filter-${kind}`).click();
    await this.page.getByRole("menuitemcheckbox", { name: value, exact: false }).first().click();
    await this.page.keyboard.press("Escape");
  }
}
