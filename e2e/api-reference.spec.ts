import { expect, test } from "@playwright/test";

const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return !protocol.startsWith("http") || hostname === "127.0.0.1" || hostname === "localhost";
};

test.describe("API reference", () => {
  test("renders /api/v1/openapi.json without loading anything from the internet, and lists the endpoints", async ({ browser, baseURL }) => {
    // A visitor who is not signed in: the reference is public.
    const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const external: string[] = [];
    page.on("request", (r) => {
      if (!isLocal(r.url())) external.push(r.url());
    });

    await page.goto("/docs/api");
    await expect(page).toHaveURL(/\/docs\/api$/);
    await expect(page.getByRole("heading", { name: "Firedrill API" }).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("Create an incident").first()).toBeVisible();

    // An endpoint opens with its request body and the curl example for this instance.
    await page.getByText("Intake", { exact: true }).first().click();
    await page.getByText("Send events").first().click();
    await expect(page.getByRole("heading", { name: "Send events" }).first()).toBeVisible();
    await expect(page.getByText("/api/v1/events").first()).toBeVisible();

    const doc = await page.request.get("/api/v1/openapi.json");
    expect(doc.status()).toBe(200);
    expect(doc.headers()["cache-control"]).toContain("public");
    expect((await doc.json()).openapi).toBe("3.1.0");

    expect(external).toEqual([]);
    await context.close();
  });

  test("Settings → API keys and Settings → Intake link to it", async ({ page }) => {
    await page.goto("/settings/api-keys");
    await expect(page.getByTestId("api-reference-link")).toHaveAttribute("href", "/docs/api");
    await page.goto("/settings/intake");
    await page.getByTestId("api-reference-link").click();
    await expect(page).toHaveURL(/\/docs\/api$/);
    await expect(page.getByRole("heading", { name: "Firedrill API" }).first()).toBeVisible({ timeout: 30_000 });
  });
});
