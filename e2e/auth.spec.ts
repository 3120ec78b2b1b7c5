import { expect, test } from "@playwright/test";
import { E2E_ADMIN, scanClientAssets, TEST_SECRETS } from "../lib/auth/secret-scan";
import { BoardPage } from "./pages/board-page";
import { createWorkspace, signIn, signOut, signUp } from "./pages/auth-pages";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sign up, create a workspace, create an incident, invite a viewer who signs up through the link and cannot move a card", async ({ page, baseURL }) => {
    const id = unique();
    const founder = { name: "Founder", email: `founder-${id}@example.com`, password: "founder password 1" };
    const viewer = { name: "Viewer", email: `viewer-${id}@example.com`, password: "viewer password 1" };

    await signUp(page, founder);
    await createWorkspace(page, `Team ${id}`);

    const board = new BoardPage(page);
    await board.waitForHydration();
    const title = `Founder's first incident ${id}`;
    const number = await board.createIncident({ title, service: "checkout" });
    const incidentId = await board.card(number).getAttribute("data-incident-id");

    // Invite a viewer: the admin copies the link.
    await page.goto("/settings/members");
    await expect(page.locator("[data-hydrated=true]").first()).toBeVisible();
    await expect(page.getByTestId("my-role")).toHaveText("admin");
    await page.getByLabel("Email").fill(viewer.email);
    await page.getByRole("combobox", { name: "Role" }).first().click();
    await page.getByRole("option", { name: "viewer" }).click();
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = (await page.getByTestId("invite-link").textContent())!.trim();
    expect(link).toContain("/invite/");

    await signOut(page);

    // The viewer opens the link, creates an account, and joins.
    await page.goto(link);
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(viewer.email);
    await page.getByLabel("Name").fill(viewer.name);
    await page.getByLabel("Password").fill(viewer.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/invite/**");
    await page.getByRole("button", { name: `Join Team ${id}` }).click();
    await page.waitForURL("**/board");
    await board.waitForHydration();

    // Read only: the card is there, with no grip to drag and no create button.
    await expect(board.card(number)).toContainText(title);
    await expect(page.getByTestId("board-read-only")).toBeVisible();
    await expect(page.getByTestId(`drag-handle-${number}`)).toHaveCount(0);
    await expect(board.createButton).toHaveCount(0);
    // Dragging anyway does nothing: the card stays in Triage.
    const box = await board.card(number).boundingBox();
    const target = await board.column("investigating").boundingBox();
    if (box && target) {
      await page.mouse.move(box.x + box.width / 2, box.y + 15);
      await page.mouse.down();
      await page.mouse.move(target.x + target.width / 2, target.y + 100, { steps: 12 });
      await page.mouse.up();
    }
    await expect(board.cardIn("triage", number)).toBeVisible();

    // The server refuses the move too (403), whatever the UI shows.
    const response = await page.request.patch(`/api/v1/incidents/${incidentId}`, {
      data: { status: "investigating" },
      headers: { origin: baseURL! },
    });
    expect(response.status()).toBe(403);
    // Admin pages are not for viewers.
    const keys = await page.goto("/settings/api-keys");
    expect(keys?.status()).toBe(404);
  });

  test("a wrong password is refused with a message; the right one signs in", async ({ page }) => {
    await signIn(page, { email: E2E_ADMIN.email, password: "not the password" });
    await expect(page.getByTestId("sign-in-error")).toContainText("Wrong email or password");
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/board");
  });

  test("a signed-out visitor of a team page is sent to sign in, and comes back after", async ({ page }) => {
    await page.goto("/settings/members");
    await page.waitForURL("**/sign-in?callbackUrl=**");
    await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/settings/members");
  });

  test("REST calls without a key or session get 401", async ({ request }) => {
    expect((await request.get("/api/v1/incidents")).status()).toBe(401);
    expect((await request.get("/api/v1/incidents", { headers: { authorization: "Bearer fd_live_not-a-real-key" } })).status()).toBe(401);
  });
});

test.describe("signed in as the seeded admin", () => {
  test("creates an API key shown once, uses it, and finds it in the audit log", async ({ page, request }) => {
    await page.goto("/settings/api-keys");
    await expect(page.locator("[data-hydrated=true]").first()).toBeVisible();
    const name = `ci-${unique()}`;
    await page.getByLabel("Name").fill(name);
    await page.getByRole("checkbox", { name: "read" }).click();
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^fd_live_[A-Za-z0-9]{32}$/);
    await expect(page.getByTestId(`api-key-${name}`)).toBeVisible();

    const ok = await request.get("/api/v1/incidents", { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status()).toBe(200);
    const wrongScope = await request.post("/api/v1/incidents", { headers: { "x-api-key": key }, data: { title: "Nope nope", service: "x", severity: "P3" } });
    expect(wrongScope.status()).toBe(403);

    await page.reload();
    await expect(page.getByTestId("new-api-key")).toHaveCount(0);
    await page.goto("/settings/audit");
    await expect(page.getByTestId("audit-row").filter({ hasText: "apikey.create" }).filter({ hasText: name })).toHaveCount(1);
  });

  test("the user menu shows who is signed in and their workspaces", async ({ page }) => {
    await page.goto("/board");
    await new BoardPage(page).waitForHydration();
    await page.getByTestId("user-menu").click();
    await expect(page.getByText(E2E_ADMIN.email)).toBeVisible();
    await expect(page.getByTestId("workspace-acme")).toBeVisible();
  });
});

test("the built client assets contain none of the server secrets", () => {
  const hits = scanClientAssets(process.cwd(), Object.values(TEST_SECRETS));
  test.skip(hits === undefined, "no production build in .next/static");
  expect(hits).toEqual([]);
});
