import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** An Alertmanager notification of one group for `service`, firing or resolved. */
function notification(service: string, status: "firing" | "resolved", startsAt: string, endsAt?: string) {
  const body = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "lib", "intake", "fixtures", "alertmanager-firing.json"), "utf8"));
  body.groupKey = `{}:{alertname="HighErrorRate", service="${service}"}`;
  body.status = status;
  body.commonLabels.service = service;
  body.groupLabels.service = service;
  for (const [i, a] of (body.alerts as Record<string, unknown>[]).entries()) {
    (a.labels as Record<string, string>).service = service;
    a.fingerprint = `${service}-${i}`;
    a.status = status;
    a.startsAt = startsAt;
    a.endsAt = status === "resolved" ? endsAt : "0001-01-01T00:00:00Z";
  }
  return body;
}

test.describe("alerts", () => {
  test("silence an alert from its row: the next notification is recorded, listed as silenced, and opens no incident", async ({ page }) => {
    const id = unique();
    const service = `e2e-alerts-${id}`;
    // An ingest key, as an admin creates one on Settings → Intake.
    await page.goto("/settings/intake");
    const keyForm = page.getByTestId("ingest-key-panel").locator("form[data-hydrated=true]");
    await keyForm.getByLabel("Key name").fill(`e2e alerts ${id}`);
    await keyForm.getByRole("button", { name: "Create ingest key" }).click();
    const key = (await page.getByTestId("new-ingest-key").textContent())!.trim();
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const post = async (body: unknown) => {
      const r = await page.request.post("/api/v1/integrations/alertmanager", { headers, data: JSON.stringify(body) });
      expect(r.status()).toBe(202);
      return r.json();
    };

    // The alert fires (an incident opens) and resolves (the group resolves it).
    const start = new Date(Date.now() - 10 * 60_000).toISOString();
    const fired = await post(notification(service, "firing", start));
    expect(fired.incident.status).toBe("created");
    const resolved = await post(notification(service, "resolved", start, new Date(Date.now() - 60_000).toISOString()));
    expect(resolved.incident.status).toBe("resolved");

    // On the alerts page, its rows link the incident; Silence opens the dialog prefilled from the row.
    await page.goto("/alerts");
    await expect(page.locator("[data-testid=alerts-page][data-hydrated=true]")).toBeVisible();
    const rows = page.locator(`[data-testid=alert-row][data-service="${service}"]`);
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText(`INC-${fired.incident.number}`);
    await expect(rows.first()).toHaveAttribute("data-state", "resolved");
    await rows.first().getByTestId("silence-row").click();
    const dialog = page.getByTestId("silence-dialog");
    await expect(dialog.getByLabel("Service")).toHaveValue(service);
    await expect(dialog.getByLabel("Source")).toHaveValue("alertmanager");
    await expect(dialog.getByLabel("Labels")).toHaveValue("alertname=HighErrorRate");
    await dialog.getByLabel("Reason").fill("Known flapping, fix deploying");
    await dialog.getByTestId("silence-submit").click();
    await expect(dialog).toBeHidden();
    const silence = page.locator("[data-testid=silence-item][data-state=active]").filter({ hasText: `service=${service}` });
    await expect(silence).toContainText("Known flapping, fix deploying");

    // The next notification: recorded (an event per alert), held, nothing opened.
    const next = await post(notification(service, "firing", new Date().toISOString()));
    expect(next).toMatchObject({ incident: null, suppressed: 2, recorded: 2 });
    const incidents = await (await page.request.get(`/api/v1/incidents?service=${service}&workspace=acme`)).json();
    expect(incidents.items).toHaveLength(1);

    // Listed as silenced (the filter asks the server), without an incident.
    await page.getByLabel("State").selectOption("silenced");
    const held = page.locator(`[data-testid=alert-row][data-service="${service}"]`);
    await expect(held).toHaveCount(2);
    await expect(held.first()).toHaveAttribute("data-state", "silenced");
    await expect(held.first()).toContainText("by a silence");
    await expect(held.first()).not.toContainText("INC-");
  });
});

test.describe("alerts screens", () => {
  test.skip(!process.env.SCREENS_DIR, "only when SCREENS_DIR asks for screenshots");
  test("board with an active maintenance window, the alerts page and Settings → Maintenance at 1440 and 390 px", async ({ page, baseURL }) => {
    const dir = process.env.SCREENS_DIR!;
    const now = Date.now();
    const created = await page.request.post("/api/v1/maintenance-windows?workspace=acme", {
      headers: { origin: baseURL! },
      data: { services: ["postgres"], starts_at: new Date(now - 5 * 60_000).toISOString(), ends_at: new Date(now + 55 * 60_000).toISOString(), reason: "Minor version upgrade" },
    });
    expect(created.status()).toBe(201);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
      await page.goto("/board");
      await expect(page.getByTestId("maintenance-banner")).toBeVisible();
      await page.screenshot({ path: `${dir}/board-${width}.png` });
      await page.goto("/alerts");
      await expect(page.locator("[data-testid=alerts-page][data-hydrated=true]")).toBeVisible();
      await page.screenshot({ path: `${dir}/alerts-${width}.png`, fullPage: true });
      if (width === 1440) {
        await page.getByTestId("silence-row").first().click();
        await page.screenshot({ path: `${dir}/silence-dialog-${width}.png` });
        await page.keyboard.press("Escape");
      }
      await page.goto("/settings/maintenance");
      await expect(page.locator("[data-testid=maintenance-windows][data-hydrated=true]")).toBeVisible();
      await page.screenshot({ path: `${dir}/maintenance-${width}.png`, fullPage: true });
    }
  });
});
