/**
 * Page object of the incident screen (/incidents/[id], the board's dialog, /demo/incidents/[id]).
 *
 * Stable data-testid attributes (other specs rely on them; keep them when changing the UI):
 *   incident-screen            root of the screen; data-hydrated="true" once React has hydrated,
 *                              data-incident-id, data-version (the version the page holds)
 *   incident-dialog            the dialog wrapper when opened from the board
 *   incident-key               "INC-<number>"
 *   incident-title             the title (h1)
 *   incident-description       the description text
 *   incident-status-select     status select trigger; options: status-option-<status>
 *   incident-severity-select   severity select trigger; options: severity-option-<P0..P3>
 *   incident-next-step         Acknowledge / Start fixing / Resolve / Close / Reopen
 *   incident-team-input        team field; incident-team-save saves it (Enter works too)
 *   incident-affected-systems  tag input; incident-affected-systems-input adds (Enter), incident-affected-systems-tag per tag
 *   incident-notes             working-notes textarea; incident-notes-save is its save button
 *   incident-notes-discarded   the user's draft kept aside after a conflict + reload
 *   incident-conflict          the conflict message ("Someone else changed this incident…")
 *   incident-conflict-reload   its Reload button
 *   incident-timeline          the feed (ol); each entry is timeline-item with data-entry-id and data-kind =
 *                              status | note | field_change | chat | alert | action | system | status_change
 *   note-input / note-add      add a note to the timeline
 *   note-body                  text of a note entry; note-edit opens the editor (own notes only),
 *                              note-edit-input / note-edit-save, note-conflict on a stale edit
 *   incident-delete            opens the confirmation; incident-delete-confirm deletes
 *   incident-open-full         (dialog only) link to the full page
 *   incident-sla, incident-sla-response, incident-sla-resolution   data-state = running | met | breached
 *   sla-policy-edit            (workspace admins) opens the SLA targets dialog
 *   incident-details           the field list; detail-service, detail-event-count
 *   incident-signals           metadata card (metrics table: incident-metrics-table)
 *   incident-not-found         the 404 page; incident-gone when the incident vanished while open
 */
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export type CreatedIncident = { id: string; number: number; key: string; title: string; version: number };

/** Creates an incident through the REST API with the browser session of `request` (workspace acme by default). */
export async function createIncidentViaApi(
  request: APIRequestContext,
  fields: { title: string; service?: string; severity?: "P0" | "P1" | "P2" | "P3"; team?: string; description?: string; metadata?: Record<string, unknown> },
  workspace = "acme",
): Promise<CreatedIncident> {
  const res = await request.post(`/api/v1/incidents?workspace=${workspace}`, {
    data: { service: "checkout", severity: "P2", ...fields },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { id: string; number: number; key: string; title: string; version: number };
  return { id: body.id, number: body.number, key: body.key, title: body.title, version: body.version };
}

export class IncidentPage {
  readonly screen: Locator;

  constructor(
    readonly page: Page,
    readonly basePath = "",
  ) {
    this.screen = page.getByTestId("incident-screen");
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`${this.basePath}/incidents/${id}`);
    await this.waitForHydration();
  }

  /** Form buttons only work once React has hydrated (before that a click would post natively). */
  async waitForHydration(): Promise<void> {
    // Generous: on a loaded machine hydration alone can take many seconds.
    await expect(this.screen).toHaveAttribute("data-hydrated", "true", { timeout: 45_000 });
  }

  get title(): Locator {
    return this.page.getByTestId("incident-title");
  }
  get statusSelect(): Locator {
    return this.page.getByTestId("incident-status-select");
  }
  get severitySelect(): Locator {
    return this.page.getByTestId("incident-severity-select");
  }
  get notes(): Locator {
    return this.page.getByTestId("incident-notes");
  }
  get notesSave(): Locator {
    return this.page.getByTestId("incident-notes-save");
  }
  get conflict(): Locator {
    return this.page.getByTestId("incident-conflict");
  }
  get timelineItems(): Locator {
    return this.page.getByTestId("timeline-item");
  }

  timelineItemsOfKind(kind: string): Locator {
    return this.page.locator(`[data-testid="timeline-item"][data-kind="${kind}"]`);
  }

  async version(): Promise<number> {
    return Number(await this.screen.getAttribute("data-version"));
  }

  async setStatus(status: "triage" | "investigating" | "fixing" | "resolved" | "closed", resolution: { summary?: string; cause?: string } = {}): Promise<void> {
    const before = await this.version();
    const shown = ((await this.page.getByTestId("overview-status").textContent()) ?? "").toLowerCase();
    const wasOpen = ["triage", "investigating", "fixing"].some((s) => shown.includes(s));
    await this.statusSelect.click();
    await this.page.getByTestId(`status-option-${status}`).click();
    // Resolving an open incident asks for an optional summary and cause first.
    if (status === "resolved" && wasOpen) {
      const dialog = this.page.getByTestId("resolve-dialog");
      await expect(dialog).toBeVisible();
      if (resolution.summary) await dialog.getByTestId("resolve-summary").fill(resolution.summary);
      if (resolution.cause) await dialog.getByTestId("resolve-cause").fill(resolution.cause);
      await dialog.getByTestId("resolve-confirm").click();
    }
    await expect(this.screen).not.toHaveAttribute("data-version", String(before));
  }

  async setSeverity(severity: "P0" | "P1" | "P2" | "P3"): Promise<void> {
    await this.severitySelect.click();
    await this.page.getByTestId(`severity-option-${severity}`).click();
  }

  async saveNotes(text: string): Promise<void> {
    await this.notes.fill(text);
    await this.notesSave.click();
  }

  async addNote(body: string): Promise<void> {
    await this.page.getByTestId("note-input").fill(body);
    await this.page.getByTestId("note-add").click();
    await expect(this.timelineItemsOfKind("note").filter({ hasText: body })).toHaveCount(1);
  }

  async editNote(from: string, to: string): Promise<void> {
    const id = await this.timelineItemsOfKind("note").filter({ hasText: from }).getAttribute("data-entry-id");
    const item = this.page.locator(`[data-testid="timeline-item"][data-entry-id="${id}"]`);
    await item.getByTestId("note-edit").click();
    await item.getByTestId("note-edit-input").fill(to);
    await item.getByTestId("note-edit-save").click();
    await expect(this.timelineItemsOfKind("note").filter({ hasText: to })).toHaveCount(1);
  }

  async deleteIncident(): Promise<void> {
    await this.page.getByTestId("incident-delete").click();
    await this.page.getByTestId("incident-delete-confirm").click();
  }
}
