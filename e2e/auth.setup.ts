import { expect, test as setup } from "@playwright/test";
import { E2E_ADMIN } from "../lib/auth/secret-scan";

/** Signs in once as the seeded admin of `acme` and saves the session for every other spec. */
setup("sign in as the seeded admin", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/board");
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await page.context().storageState({ path: E2E_ADMIN.storageState });
});
