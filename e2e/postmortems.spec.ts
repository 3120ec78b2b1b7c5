import { expect, test } from "@playwright/test";
import { createIncidentViaApi, IncidentPage } from "./pages/incident-page";

/**
 * Runbooks and post-mortems as a responder meets them: tick a suggested runbook's checklist item and
 * see it on the timeline; resolve an incident, write its post-mortem, edit and accept drafted
 * sections, publish it and download the PDF.
 */
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("runbooks and post-mortems", () => {
  test("a suggested runbook is attached and a checklist tick shows on the timeline with who did it", async ({ page }) => {
    const created = await createIncidentViaApi(page.request, { title: `Kafka consumers behind ${unique()}`, service: "kafka", severity: "P2" });
    const incident = new IncidentPage(page);
    await incident.goto(created.id);
    const panel = page.getByTestId("incident-runbooks");
    const suggestion = panel.getByTestId("runbook-suggestion").first();
    await expect(suggestion).toContainText("Queue backlog and consumer lag");
    await expect(suggestion).toContainText("service kafka");
    await suggestion.getByTestId("runbook-attach").click();
    const attached = panel.getByTestId("attached-runbook");
    await expect(attached).toContainText("Queue backlog and consumer lag");
    await attached.getByTestId("runbook-check-0").click();
    await expect(attached.getByTestId("runbook-check-0")).toHaveAttribute("data-state", "checked");
    const timeline = page.getByTestId("incident-timeline");
    await expect(timeline).toContainText('Checked "Which consumer group lags, and since when?" in the runbook "Queue backlog and consumer lag"');
    await expect(timeline).toContainText("Attached the runbook");

    // The REST API agrees.
    const res = await page.request.get(`/api/v1/incidents/${created.id}/runbooks?workspace=acme`);
    const body = await res.json();
    expect(body.attached[0].checked).toEqual([0]);
  });

  test("resolve, write the post-mortem, edit and accept drafted sections, publish, download the PDF", async ({ page }) => {
    const title = `Checkout 5xx after deploy ${unique()}`;
    const created = await createIncidentViaApi(page.request, { title, service: "checkout", severity: "P1", description: "Errors on /api/checkout" });
    const incident = new IncidentPage(page);
    await incident.goto(created.id);
    await incident.setStatus("resolved");

    await page.getByTestId("postmortem-link").click();
    await expect(page.getByTestId("postmortem-empty")).toHaveAttribute("data-hydrated", "true");
    await page.getByTestId("postmortem-create").click();
    const editor = page.getByTestId("postmortem-editor");
    await expect(editor).toBeVisible();
    await expect(page.getByTestId("postmortem-status")).toHaveText("Draft");
    // The timeline is the incident's own, with real times.
    await expect(page.getByTestId("postmortem-timeline")).toContainText("Detected: incident opened");
    await expect(page.getByTestId("postmortem-timeline")).toContainText("Resolved: service restored");

    // Edit one drafted section (autosaves and becomes the person's), accept the others.
    const rootCause = page.getByTestId("postmortem-section-root_cause");
    await expect(rootCause).toHaveAttribute("data-accepted", "false");
    await page.getByTestId("section-edit-root_cause").click();
    await page.getByTestId("section-body-root_cause").fill("A config change in v2.4.0 disabled the **retry budget**.");
    await expect(page.getByTestId("section-body-root_cause-preview")).toContainText("retry budget");
    await expect(rootCause).toHaveAttribute("data-accepted", "true");
    await expect(page.getByTestId("postmortem-save-state")).toContainText("Saved");
    await page.getByTestId("section-edit-root_cause").click();
    for (const key of ["summary", "timeline", "impact", "resolution"]) {
      await page.getByTestId(`section-accept-${key}`).click();
      await expect(page.getByTestId(`postmortem-section-${key}`)).toHaveAttribute("data-accepted", "true");
    }

    // An action item with an owner.
    await page.getByTestId("action-item-title").fill("Alert on retry budget exhaustion");
    await page.getByTestId("action-item-add").click();
    await expect(page.getByTestId("action-item-row")).toContainText("Alert on retry budget exhaustion");

    await page.getByTestId("postmortem-status-in_review").click();
    await expect(page.getByTestId("postmortem-status")).toHaveText("In review");
    await page.getByTestId("postmortem-status-published").click();
    await expect(page.getByTestId("postmortem-status")).toHaveText("Published");
    await expect(page.getByTestId("postmortem-reviewers")).toContainText("Published by");

    const download = page.waitForEvent("download");
    await page.getByTestId("postmortem-export-pdf").click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${created.key.toLowerCase()}-postmortem.pdf`);
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile((await file.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    // The JSON export carries the edit; the action item is on the workspace page.
    const json = await (await page.request.get(`/api/v1/incidents/${created.id}/postmortem?workspace=acme&format=json`)).json();
    expect(json.status).toBe("published");
    expect(json.sections.find((s: { key: string }) => s.key === "root_cause").body).toContain("retry budget");
    await page.goto("/action-items");
    await expect(page.getByTestId("action-items-table")).toContainText("Alert on retry budget exhaustion");
  });
});
