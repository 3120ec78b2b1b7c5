import { expect, test } from "@playwright/test";
import { BoardPage } from "./pages/board-page";

test.describe("public demo", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a visitor without an account gets the live board as an anonymous animal, and can create an incident", async ({ page }) => {
    const board = new BoardPage(page, "/demo");
    await board.goto();
    await expect(page.getByTestId("demo-banner")).toBeVisible();
    const name = await page.getByTestId("guest-name").textContent();
    expect(name).toMatch(/^Anonymous [A-Z][a-z]+$/);
    await expect(board.column("triage")).toBeVisible();

    // The animal is kept in a cookie: same name after a reload.
    await page.reload();
    await board.waitForHydration();
    await expect(page.getByTestId("guest-name")).toHaveText(name!);

    const title = `Demo visitor incident ${Date.now().toString(36)}`;
    const number = await board.createIncident({ title, service: "checkout" });
    await expect(board.cardIn("triage", number)).toContainText(title);
  });

  test("the guest redirect goes to the public URL the visitor used, not to the address the server listens on", async ({ page, baseURL }) => {
    const res = await page.request.get("/api/auth/demo-guest?next=/demo", { maxRedirects: 0 });
    expect(res.status()).toBe(303);
    // NEXTAUTH_URL is the public URL here (http://127.0.0.1:<port>); `next start` itself sees localhost.
    expect(res.headers()["location"]).toBe(`${baseURL}/demo`);
  });

  test("a guest cannot open a team URL or reach team data", async ({ page }) => {
    await page.goto("/demo");
    await new BoardPage(page, "/demo").waitForHydration();
    for (const path of ["/board", "/settings/members", "/settings/api-keys"]) {
      await page.goto(path);
      await page.waitForURL("**/sign-in**");
    }
    // The guest cookie is not a session for the team REST API either.
    expect((await page.request.get("/api/v1/incidents?workspace=acme")).status()).toBe(401);
  });
});
