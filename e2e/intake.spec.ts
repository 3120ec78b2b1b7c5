import { expect, test } from "@playwright/test";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("intake", () => {
  test("an admin creates an ingest key on Settings → Intake, a rejected batch is dead-lettered and its replay fails again, a per-service rule opens an incident", async ({
    page,
  }) => {
    const id = unique();
    const service = `e2e-intake-${id}`;
    await page.goto("/settings/intake");
    await expect(page.getByTestId("intake-events").getByTestId("intake-url")).toContainText("/api/v1/events");
    await expect(page.getByTestId("intake-alertmanager").getByTestId("intake-url")).toContainText("/api/v1/integrations/alertmanager");

    // Create an ingest key: shown once, and filled into the curl examples.
    const keyForm = page.getByTestId("ingest-key-panel").locator("form[data-hydrated=true]");
    await keyForm.getByLabel("Key name").fill(`e2e ${id}`);
    await keyForm.getByRole("button", { name: "Create ingest key" }).click();
    const key = (await page.getByTestId("new-ingest-key").textContent())!.trim();
    expect(key).toMatch(/^fd_live_/);
    await expect(page.getByTestId("intake-events").locator("pre")).toContainText(`Bearer ${key}`);

    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    // One bad event rejects the batch: 422 naming index and field, and the body is kept.
    const bad = await page.request.post("/api/v1/events", {
      headers,
      data: JSON.stringify([
        { service, level: "error", message: "fine" },
        { service, level: "loud", message: "bad level" },
      ]),
    });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ index: 1, field: "level" })]);

    // A rule for this service: 2 events at WARNING or above within 60 s.
    await page.reload();
    const ruleForm = page.locator("form[data-testid=intake-rule-form][data-hydrated=true]");
    await ruleForm.getByLabel("Service").fill(service);
    await ruleForm.getByLabel("Events").fill("2");
    await ruleForm.getByLabel("Window (s)").fill("60");
    await ruleForm.getByLabel("Level or above").selectOption("WARNING");
    await ruleForm.getByRole("button", { name: "Save rule" }).click();
    await expect(page.getByTestId("intake-rules")).toContainText(service);

    // The dead letter is listed; replaying the same body fails again (nothing changed in it).
    const letter = page.locator("[data-testid=dead-letters][data-hydrated=true] [data-testid=dead-letter]").filter({ hasText: "events" }).first();
    await expect(letter).toContainText("422");
    await letter.getByRole("button", { name: "Replay" }).click();
    await expect(letter).toContainText("replay failed (422)");

    const now = new Date().toISOString();
    const first = await page.request.post("/api/v1/events", { headers, data: JSON.stringify({ service, level: "warn", message: "disk 91%", timestamp: now }) });
    expect(await first.json()).toEqual({ accepted: 1, incidents: [] });
    const second = await page.request.post("/api/v1/events", { headers, data: JSON.stringify({ service, level: "warn", message: "disk 95%", timestamp: now }) });
    expect(second.status()).toBe(202);
    const { incidents } = await second.json();
    expect(incidents).toEqual([expect.objectContaining({ status: "created" })]);

    // The incident's events, newest first, through the signed-in session.
    const list = await page.request.get(`/api/v1/incidents/${incidents[0].id}/events`);
    expect(list.status()).toBe(200);
    const body = await list.json();
    expect(body.items.map((e: { message: string }) => e.message).sort()).toEqual(["disk 91%", "disk 95%"]);

    // Alertmanager re-notifies: the incident page counts the notifications, and lists one event per alert.
    const groupKey = `{}:{alertname="DiskFull", service="${service}-am"}`;
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const notification = (replica: string) =>
      JSON.stringify({
        version: "4",
        groupKey,
        status: "firing",
        receiver: "firedrill",
        externalURL: `http://${replica}:9093`,
        groupLabels: { alertname: "DiskFull" },
        commonLabels: { alertname: "DiskFull", service: `${service}-am`, severity: "warning" },
        commonAnnotations: { summary: "Disk almost full" },
        alerts: ["db-1", "db-2"].map((instance) => ({
          status: "firing",
          labels: { alertname: "DiskFull", service: `${service}-am`, severity: "warning", instance },
          annotations: { summary: "Disk almost full" },
          startsAt,
          endsAt: "0001-01-01T00:00:00Z",
          fingerprint: `${id}-${instance}`,
        })),
      });
    const opened = await page.request.post("/api/v1/integrations/alertmanager", { headers, data: notification("am-0") });
    expect(opened.status()).toBe(202);
    const { incident } = await opened.json();
    for (const replica of ["am-1", "am-0"]) {
      const again = await page.request.post("/api/v1/integrations/alertmanager", { headers, data: notification(replica) });
      expect(await again.json()).toMatchObject({ duplicate: true, recorded: 0, incident: { id: incident.id, status: "attached" } });
    }
    // Counts of re-notifications answered without a transaction are written within five seconds.
    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/incidents/${incident.id}/events`)).json()).signals.notifications, { timeout: 15_000 })
      .toBe(6);
    await page.goto(`/incidents/${incident.id}`);
    const alerts = page.getByTestId("incident-alerts");
    await expect(alerts).toContainText("Alerts: 2 (2 firing)");
    await expect(page.getByTestId("incident-alerts-notifications")).toHaveText("6 notifications received");
    await expect(alerts.getByTestId("incident-alert-notifications")).toHaveText(["×3", "×3"]);
    await expect(page.getByTestId("incident-events-list").getByTestId("incident-event")).toHaveCount(2);
  });

  test("a method an intake route does not serve is a 405 with a JSON body", async ({ page }) => {
    const res = await page.request.get("/api/v1/events");
    expect(res.status()).toBe(405);
    expect(res.headers()["allow"]).toBe("POST");
    expect(await res.json()).toMatchObject({ code: "method_not_allowed" });
  });
});
