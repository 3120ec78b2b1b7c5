import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../../lib/auth/secret-scan";

/**
 * Under `next dev`, every page a newcomer meets first answers as it does in production, and the
 * browser console stays free of errors (hydration mismatches included).
 */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

test("the health check answers", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok" });
});

test("sign-in and sign-up pages render, and / sends a signed-out visitor to sign in", async ({ page }) => {
  const errors = watchConsole(page);
  for (const path of ["/sign-in", "/sign-up"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  }
  await page.goto("/");
  await page.waitForURL("**/sign-in**");
  expect(errors).toEqual([]);
});

test("the public demo opens on its board", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto("/demo");
  await expect(page.getByTestId("demo-banner")).toBeVisible();
  await expect(page.getByTestId("column-triage")).toBeVisible();
  expect(errors).toEqual([]);
});

test("a signed-in admin sees the board and opens an incident", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto("/sign-in");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/board");
  await expect(page.getByTestId("user-menu")).toBeVisible();
  const card = page.locator("[data-testid^=incident-link-]").first();
  const href = await card.getAttribute("href");
  expect(href).toMatch(/^\/incidents\//);
  const res = await page.goto(href!);
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId("incident-title")).toBeVisible();
  expect(errors).toEqual([]);
});
