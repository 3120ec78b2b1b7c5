/**
 * Page objects of sign-in, sign-up, workspace creation and the user menu.
 * Stable hooks: forms carry data-hydrated="true" once React has hydrated; user-menu, sign-out,
 * guest-name, invite-link, new-api-key, my-role, audit-row, demo-banner.
 */
import { expect, type Page } from "@playwright/test";

export async function signUp(page: Page, user: { name: string; email: string; password: string }, path = "/sign-up"): Promise<void> {
  await page.goto(path);
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto("/sign-in");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function createWorkspace(page: Page, name: string): Promise<void> {
  await page.waitForURL("**/new-workspace");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Workspace name").fill(name);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL("**/board");
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByTestId("sign-out").click();
  await page.waitForURL("**/sign-in**");
}
