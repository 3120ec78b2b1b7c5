import { expect, test } from "@playwright/test";
import { createIncidentViaApi, IncidentPage } from "./pages/incident-page";

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("incident page", () => {
  test("shows every field, the SLA clocks and the metrics of an incident", async ({ page }) => {
    const created = await createIncidentViaApi(page.request, {
      title: unique("Checkout p95 at 8.5s"),
      service: "checkout",
      severity: "P0",
      team: "Checkout",
      description: "Latency jumped after v2.4.0.",
      metadata: {
        metrics: [{ name: "http_request_duration_seconds_p95", value: 8.5, baseline: 0.4, unit: "s" }],
        context: { recent_deploys: [{ version: "v2.4.0", minutes_ago: 120, description: "New JOIN queries" }] },
      },
    });
    const incident = new IncidentPage(page);
    await incident.goto(created.id);

    await expect(page.getByTestId("incident-key")).toHaveText(created.key);
    await expect(incident.title).toHaveText(created.title);
    await expect(page.getByTestId("incident-description")).toHaveText("Latency jumped after v2.4.0.");
    await expect(page.getByTestId("detail-service")).toContainText("checkout");
    await expect(page.getByTestId("incident-metrics-table")).toContainText("http_request_duration_seconds_p95");
    await expect(page.getByTestId("incident-signals")).toContainText("v2.4.0");
    // P0: respond within 15 min, resolve within 2 h; a fresh incident is on track.
    await expect(page.getByTestId("incident-sla-response")).toHaveAttribute("data-state", "running");
    await expect(page.getByTestId("incident-sla-response")).toContainText("15 min");
    await expect(page.getByTestId("incident-sla-resolution")).toContainText("2 h");
    // Creation is the first entry of the timeline.
    await expect(incident.timelineItemsOfKind("status").first()).toContainText("Triage");
  });

  test("a stale edit shows the conflict message instead of overwriting", async ({ page, context }) => {
    const created = await createIncidentViaApi(page.request, { title: unique("Redis at 92% of maxmemory"), service: "redis" });
    const first = new IncidentPage(page);
    const second = new IncidentPage(await context.newPage());
    await first.goto(created.id);
    await second.goto(created.id);

    // The second responder starts a draft from the version both pages loaded…
    await second.notes.fill("Second: flushing the cache");
    // …the first saves theirs…
    await first.saveNotes("First: raised maxmemory to 2 GB");
    await expect(first.notesSave).toBeDisabled();
    await expect(first.conflict).toHaveCount(0);
    // …and the second save is refused with the conflict message, not silently applied.
    await second.notesSave.click();
    await expect(second.conflict).toBeVisible();
    await expect(second.conflict).toContainText("Someone else changed this incident");

    // Reload shows the other person's notes; the lost draft is kept aside to restore by hand.
    await second.conflict.getByTestId("incident-conflict-reload").click();
    await expect(second.conflict).toHaveCount(0);
    await expect(second.notes).toHaveValue("First: raised maxmemory to 2 GB");
    await expect(second.page.getByTestId("incident-notes-discarded")).toContainText("Second: flushing the cache");

    // The first person's notes survived.
    await first.page.reload();
    await first.waitForHydration();
    await expect(first.notes).toHaveValue("First: raised maxmemory to 2 GB");
  });

  test("changing the status shows the move in the timeline", async ({ page }) => {
    const created = await createIncidentViaApi(page.request, { title: unique("ad service CPU at 97%"), service: "ad" });
    const incident = new IncidentPage(page);
    await incident.goto(created.id);

    await incident.setStatus("investigating");
    await incident.setStatus("fixing");
    const moves = incident.timelineItemsOfKind("status");
    await expect(moves).toHaveCount(3);
    await expect(moves.last()).toContainText("Investigating");
    await expect(moves.last()).toContainText("Fixing");
    await expect(page.getByTestId("incident-sla-response")).toHaveAttribute("data-state", "met");

    // Backward moves are allowed and recorded as well; closed follows resolved.
    await incident.setStatus("resolved");
    await incident.setStatus("closed");
    await incident.setStatus("investigating");
    await expect(moves).toHaveCount(6);
    await expect(moves.last()).toContainText("Closed");

    // Still there after a reload, with the actor's name on each move.
    await page.reload();
    await incident.waitForHydration();
    await expect(moves).toHaveCount(6);
    await expect(incident.statusSelect).toContainText("Investigating");
  });

  test("severity, team and affected systems are edited in place", async ({ page }) => {
    const created = await createIncidentViaApi(page.request, { title: unique("Disk on logging volume 91% full"), service: "disk", severity: "P3" });
    const incident = new IncidentPage(page);
    await incident.goto(created.id);

    await incident.setSeverity("P1");
    await expect(incident.severitySelect).toContainText("P1");
    await page.getByTestId("incident-team-input").fill("Platform");
    await page.getByTestId("incident-team-input").press("Enter");
    await expect(page.getByTestId("incident-team-save")).toHaveCount(0);
    await page.getByTestId("incident-affected-systems-input").fill("logging");
    await page.getByTestId("incident-affected-systems-input").press("Enter");
    await expect(page.getByTestId("incident-affected-systems-tag")).toHaveText(["logging"]);

    const changes = incident.timelineItemsOfKind("field_change");
    await expect(changes).toHaveCount(3);
    await page.reload();
    await incident.waitForHydration();
    await expect(page.getByTestId("incident-team-input")).toHaveValue("Platform");
    await expect(page.getByTestId("incident-affected-systems-tag")).toHaveText(["logging"]);
  });

  test("adds a note to the timeline and edits it", async ({ page }) => {
    const created = await createIncidentViaApi(page.request, { title: unique("Stripe API timeouts"), service: "payment" });
    const incident = new IncidentPage(page);
    await incident.goto(created.id);

    await incident.addNote("Fallback to queued charges enabled");
    await incident.editNote("Fallback to queued charges enabled", "Fallback to queued charges enabled at 14:05");
    const note = incident.timelineItemsOfKind("note");
    await expect(note).toHaveCount(1);
    await expect(note).toContainText("edited");

    await page.reload();
    await incident.waitForHydration();
    await expect(note.getByTestId("note-body")).toHaveText("Fallback to queued charges enabled at 14:05");
  });

  test("deletes after confirmation and goes back to the board", async ({ page }) => {
    const created = await createIncidentViaApi(page.request, { title: unique("Throwaway drill incident"), service: "frontend" });
    const incident = new IncidentPage(page);
    await incident.goto(created.id);

    // Cancelling keeps it.
    await page.getByTestId("incident-delete").click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await expect(incident.title).toBeVisible();

    await incident.deleteIncident();
    await expect(page).toHaveURL(/\/board/);
    await expect(page.getByText(`${created.key} deleted`)).toBeVisible();

    await page.goto(`/incidents/${created.id}`);
    await expect(page.getByTestId("incident-not-found")).toBeVisible();
  });

  test("opens from the board as a dialog; closing it returns to the board", async ({ page }) => {
    const created = await createIncidentViaApi(page.request, { title: unique("Catalog 5xx after failover"), service: "product-catalog" });
    await page.goto(`/board?q=${encodeURIComponent(created.title)}`);
    const link = page.getByTestId(`incident-link-${created.number}`);
    await expect(link).toBeVisible();
    // Wait for the board to hydrate so the click is a client-side navigation (the one that is intercepted).
    await expect(page.getByTestId("board")).toHaveAttribute("data-hydrated", "true");
    await link.click();

    const dialog = page.getByTestId("incident-dialog");
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/incidents/${created.id}$`));
    await expect(dialog.getByTestId("incident-title")).toHaveText(created.title);

    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(/\/board/);
  });

  test("deleting from the board's dialog closes it and removes the card", async ({ page }) => {
    const created = await createIncidentViaApi(page.request, { title: unique("Dialog delete drill"), service: "email" });
    await page.goto(`/board?q=${encodeURIComponent(created.title)}`);
    await expect(page.getByTestId("board")).toHaveAttribute("data-hydrated", "true");
    await page.getByTestId(`incident-link-${created.number}`).click();
    const dialog = page.getByTestId("incident-dialog");
    await expect(dialog.getByTestId("incident-screen")).toHaveAttribute("data-hydrated", "true");

    await dialog.getByTestId("incident-delete").click();
    await page.getByTestId("incident-delete-confirm").click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(/\/board/);
    await expect(page.getByText(`${created.key} deleted`)).toBeVisible();
    await expect(page.getByTestId(`incident-card-${created.number}`)).toHaveCount(0);
  });

  test("an unknown incident id shows the not-found page", async ({ page }) => {
    await page.goto("/incidents/00000000-0000-4000-8000-000000000000");
    await expect(page.getByTestId("incident-not-found")).toBeVisible();
    await page.goto("/incidents/not-a-uuid");
    await expect(page.getByTestId("incident-not-found")).toBeVisible();
  });

  test("an admin changes the workspace's SLA targets from the incident page", async ({ page }) => {
    const created = await createIncidentViaApi(page.request, { title: unique("SLA drill"), service: "payment", severity: "P0" });
    const incident = new IncidentPage(page);
    await incident.goto(created.id);
    await expect(page.getByTestId("incident-sla-response")).toContainText("15 min");

    const dialog = page.getByRole("dialog");
    await page.getByTestId("sla-policy-edit").click();
    await dialog.getByLabel("P0 response minutes").fill("10");
    await dialog.getByRole("button", { name: "Save targets" }).click();
    await expect(dialog).toHaveCount(0);
    try {
      await expect(page.getByTestId("incident-sla-response")).toContainText("10 min");
    } finally {
      // Other specs expect the runbook targets: put them back.
      await page.getByTestId("sla-policy-edit").click();
      await dialog.getByRole("button", { name: "Runbook defaults" }).click();
      await dialog.getByRole("button", { name: "Save targets" }).click();
      await expect(dialog).toHaveCount(0);
    }
    await expect(page.getByTestId("incident-sla-response")).toContainText("15 min");
  });
});
