import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { createIncidentViaApi } from "./pages/incident-page";

/**
 * The war room on the incident page: a drill's scripted conversation arrives in order, a message
 * posted in one browser appears in another, and the generator makes an incident on demand.
 */

async function newSignedInContext(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  const storageState = testInfo.project.use.storageState;
  return browser.newContext({ ...(storageState ? { storageState } : {}), baseURL: testInfo.project.use.baseURL });
}

async function openWarRoom(page: Page, incidentId: string) {
  await page.goto(`/incidents/${incidentId}`);
  const room = page.getByTestId("war-room");
  await expect(room).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
  await expect(page.getByTestId("realtime-state")).toHaveAttribute("data-state", "connected", { timeout: 15_000 });
  return room;
}

test("a drill's conversation plays into its incident's war room, in script order", async ({ page, request }) => {
  const started = await request.post("/api/v1/scenarios/cache_failure/start?workspace=acme", { data: { speed: 10, seed: 3 } });
  expect(started.status(), await started.text()).toBe(201);
  const run = (await started.json()) as { simulation_id: string };
  let incidentId: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/v1/simulations/${run.simulation_id}?workspace=acme`);
        const body = (await res.json()) as { incidents: { id: string; service: string }[] };
        incidentId = (body.incidents.find((i) => i.service === "recommendation") ?? body.incidents[0])?.id;
        return incidentId ?? null;
      },
      { timeout: 45_000 },
    )
    .not.toBeNull();

  const room = await openWarRoom(page, incidentId!);
  // The script's last line arrives live (the drill runs at 10×), after the ones before it.
  await expect(room.getByTestId("war-room-body").filter({ hasText: "Traffic returned to normal on our end too" })).toBeVisible({ timeout: 60_000 });
  const chat = await room.locator('[data-kind="chat"]').getByTestId("war-room-body").allTextContents();
  const order = ["Looking into this...", "Cache failures in the logs. Restarting cache pods.", "@recommendation-oncall Hey are you having issues?", "Cache is back up", "✓ Confirmed. Latency back to normal."];
  const positions = order.map((line) => chat.findIndex((c) => c.includes(line)));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  // Personas speak, and replies sit in their alert's thread.
  await expect(room.getByText("Alice Chen").first()).toBeVisible();
  await expect(room.getByTestId("thread").first()).toBeVisible();

  // Filters: hiding chat leaves the alerts.
  await room.getByTestId("filter-chat").click();
  await expect(room.locator('[data-kind="chat"]')).toHaveCount(0);
  await expect(room.locator('[data-kind="alert"]').first()).toBeVisible();

  await page.request.post(`/api/v1/simulations/${run.simulation_id}/stop?workspace=acme`);
});

test("a message posted in one browser appears in another, with its mention", async ({ browser }, testInfo) => {
  const a = await newSignedInContext(browser, testInfo);
  const b = await newSignedInContext(browser, testInfo);
  try {
    const incident = await createIncidentViaApi(a.request, { title: `War room ${Date.now()}`, service: "checkout", severity: "P2" });
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    const roomA = await openWarRoom(pageA, incident.id);
    const roomB = await openWarRoom(pageB, incident.id);

    const input = roomA.getByTestId("chat-input");
    await input.fill("Payment timeouts again, @pay");
    await expect(roomA.getByTestId("mention-suggestions")).toContainText("@payment-oncall");
    await input.press("Enter");
    await expect(input).toHaveValue("Payment timeouts again, @payment-oncall ");
    await input.pressSequentially("can you look?");
    await roomA.getByTestId("chat-send").click();

    const message = roomB.locator('[data-kind="chat"]').filter({ hasText: "Payment timeouts again" });
    await expect(message).toBeVisible({ timeout: 10_000 });
    await expect(message.getByTestId("mention")).toHaveText("@payment-oncall");
    await expect(message).toContainText("#checkout-oncall");
  } finally {
    await a.close();
    await b.close();
  }
});

test("'Generate incident' on the board opens a synthetic incident", async ({ page, request }) => {
  await page.goto("/board");
  const control = page.getByTestId("generator-control");
  await expect(control).toBeVisible({ timeout: 30_000 });
  const before = (await (await request.get("/api/v1/generator/status?workspace=acme")).json()) as { generated_count: number };
  await control.getByTestId("generate-incident").click();
  await expect(page.getByText(/Generated INC-\d+/)).toBeVisible({ timeout: 15_000 });
  const after = (await (await request.get("/api/v1/generator/status?workspace=acme")).json()) as { generated_count: number };
  expect(after.generated_count).toBe(before.generated_count + 1);
});
