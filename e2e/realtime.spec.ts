import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { BoardPage } from "./pages/board-page";
import { createIncidentViaApi, type CreatedIncident } from "./pages/incident-page";

/**
 * Live updates between two people: two browser contexts (A and B) on the same workspace. Each test
 * makes its own incident with a unique title and filters the board to it, so other specs' data does
 * not matter.
 */

/** A second signed-in browser: same saved session as the project's default context (if any). */
async function newSignedInContext(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  const storageState = testInfo.project.use.storageState;
  return browser.newContext({ ...(storageState ? { storageState } : {}), baseURL: testInfo.project.use.baseURL });
}

/** Waits until the page's realtime connection is up (the provider marks its state on the page). */
async function waitLive(page: Page) {
  await expect(page.getByTestId("realtime-state")).toHaveAttribute("data-state", "connected", { timeout: 15_000 });
}

async function openBoard(page: Page, incident: CreatedIncident): Promise<BoardPage> {
  const board = new BoardPage(page);
  // Filtered to this test's incident, so other specs' cards do not matter.
  await board.goto(`?q=${encodeURIComponent(incident.title)}`);
  await expect(board.card(incident.number)).toBeVisible();
  await waitLive(page);
  return board;
}

/** Contexts made in a test inherit the project's saved session unless told otherwise. */
const signedOut = { cookies: [], origins: [] };

let a: BrowserContext;
let b: BrowserContext;

test.beforeEach(async ({ browser }, testInfo) => {
  a = await newSignedInContext(browser, testInfo);
  b = await newSignedInContext(browser, testInfo);
});

test.afterEach(async () => {
  await a?.close();
  await b?.close();
});

test("a card A moves on the board moves on B's board too, once", async () => {
  const incident = await createIncidentViaApi(a.request, { title: `Realtime move ${Date.now()}`, severity: "P3" });
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  const boardA = await openBoard(pageA, incident);
  const boardB = await openBoard(pageB, incident);
  await expect(boardB.cardIn("triage", incident.number)).toBeVisible();

  // The mouse, from Triage to Investigating (waits until the server confirmed the move).
  await boardA.dragCardTo(incident.number, "investigating");

  await expect(boardB.cardIn("investigating", incident.number)).toBeVisible({ timeout: 5_000 });
  await expect(boardB.card(incident.number)).toHaveCount(1);
  // A's own echo does not undo or duplicate A's move.
  await pageA.waitForTimeout(500);
  await expect(boardA.cardIn("investigating", incident.number)).toBeVisible();
  await expect(boardA.card(incident.number)).toHaveCount(1);
});

test("a note A adds appears on B's incident page without a reload", async () => {
  const incident = await createIncidentViaApi(a.request, { title: `Realtime note ${Date.now()}`, severity: "P3" });
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  for (const page of [pageA, pageB]) {
    await page.goto(`/incidents/${incident.id}`);
    await expect(page.getByTestId("incident-screen")).toHaveAttribute("data-hydrated", "true");
    await waitLive(page);
  }
  const body = `Rolled back the deploy at ${Date.now()}`;
  await pageA.getByTestId("note-input").fill(body);
  await pageA.getByTestId("note-add").click();
  await expect(pageB.locator('[data-testid="timeline-item"][data-kind="note"]').filter({ hasText: body })).toHaveCount(1, { timeout: 5_000 });
});

test("B catches up on what changed while its connection was down", async () => {
  const incident = await createIncidentViaApi(a.request, { title: `Realtime offline ${Date.now()}`, severity: "P3" });
  const pageB = await b.newPage();
  const boardB = await openBoard(pageB, incident);

  await b.setOffline(true);
  await expect(pageB.getByTestId("realtime-state")).toHaveAttribute("data-state", "reconnecting");
  await expect(pageB.getByTestId("connection-status").first()).toContainText("Reconnecting");

  // A moves the card while B hears nothing.
  const moved = await a.request.patch(`/api/v1/incidents/${incident.id}?workspace=acme`, { data: { version: incident.version, status: "fixing" } });
  expect(moved.status(), await moved.text()).toBe(200);
  await pageB.waitForTimeout(300);
  await expect(boardB.cardIn("triage", incident.number)).toBeVisible();

  await b.setOffline(false);
  await waitLive(pageB);
  await expect(boardB.cardIn("fixing", incident.number)).toBeVisible({ timeout: 10_000 });
  await expect(boardB.card(incident.number)).toHaveCount(1);
});

test("B sees A in presence on the demo board, as A's anonymous animal", async ({ browser }, testInfo) => {
  // Fresh contexts without a session: each visitor of the demo is a guest with an animal name.
  const guestA = await browser.newContext({ baseURL: testInfo.project.use.baseURL, storageState: signedOut });
  const guestB = await browser.newContext({ baseURL: testInfo.project.use.baseURL, storageState: signedOut });
  try {
    const pageA = await guestA.newPage();
    const pageB = await guestB.newPage();
    await pageA.goto("/demo");
    const selfA = pageA.getByTestId("presence-bar").locator('[data-testid="presence-member"][data-self="true"]');
    await expect(selfA).toHaveCount(1, { timeout: 15_000 });
    const nameA = (await selfA.locator(".sr-only").textContent())!.trim();
    expect(nameA).not.toBe("");

    await pageB.goto("/demo");
    const barB = pageB.getByTestId("presence-bar");
    await expect(barB.locator('[data-testid="presence-member"]:not([data-self])').filter({ hasText: nameA })).toHaveCount(1, { timeout: 10_000 });

    // A leaves (the page is hidden for good): B's bar drops A.
    await pageA.goto("about:blank");
    await expect(barB.locator('[data-testid="presence-member"]').filter({ hasText: nameA })).toHaveCount(0, { timeout: 10_000 });
  } finally {
    await guestA.close();
    await guestB.close();
  }
});

test("the built-in stream delivers a committed change to a demo guest's EventSource", async ({ browser }, testInfo) => {
  // A guest of the public demo: no sign-in needed, and only the demo workspace is theirs.
  const guest = await browser.newContext({ baseURL: testInfo.project.use.baseURL, storageState: signedOut });
  try {
    const page = await guest.newPage();
    await page.goto("/demo");
    const configRes = await page.request.get("/api/workspaces/demo/realtime/config");
    expect(configRes.status(), await configRes.text()).toBe(200);
    const config = await configRes.json();
    expect(config.self.kind).toBe("guest");
    test.skip(config.driver !== "builtin", "Pusher is configured: the SSE stream is not used");
    // Not for a team workspace.
    expect((await page.request.get("/api/workspaces/acme/realtime/config")).status()).toBeGreaterThanOrEqual(401);
    const incident = await createIncidentViaApi(page.request, { title: `Realtime stream ${Date.now()}`, severity: "P3" }, "demo");
    const received = page.evaluate(
      (id) =>
        new Promise<{ type: string; incidentId: string; version: number }>((resolve, reject) => {
          const source = new EventSource("/api/workspaces/demo/realtime/stream");
          const timer = setTimeout(() => reject(new Error("no message within 10 s")), 10_000);
          source.addEventListener("ready", () => document.body.setAttribute("data-stream-ready", "true"));
          source.addEventListener("message", (e) => {
            const m = JSON.parse((e as MessageEvent<string>).data);
            if (m.incidentId !== id) return;
            clearTimeout(timer);
            source.close();
            resolve(m);
          });
        }),
      incident.id,
    );
    await expect(page.locator("body")).toHaveAttribute("data-stream-ready", "true");
    const moved = await page.request.patch(`/api/v1/incidents/${incident.id}?workspace=demo`, { data: { version: incident.version, status: "investigating" } });
    expect(moved.status(), await moved.text()).toBe(200);
    expect(await received).toMatchObject({ type: "incident.updated", incidentId: incident.id, version: incident.version + 1 });
  } finally {
    await guest.close();
  }
});
