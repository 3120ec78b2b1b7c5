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
  });
});
