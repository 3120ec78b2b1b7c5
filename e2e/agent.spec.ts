import { expect, test } from "@playwright/test";
import { signOut } from "./pages/auth-pages";
import { AgentPanel, drillIncident } from "./pages/agent-panel";

/**
 * The SRE agent on a drill's incident: plan → approve → the steps land → verification → resolved;
 * the reject path; and a viewer, who sees the plan but no Approve button and whom the API refuses.
 * Drills run at 10× on the server's own scheduler (world time 10 s per real second).
 */
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("SRE agent", () => {
  test("plan, approve, watch the steps arrive and the checks turn green, and the incident is resolved", async ({ page, baseURL }) => {
    const { incidentId, simulationId } = await drillIncident(page.request, baseURL!, "payment_failure");
    await page.goto(`/incidents/${incidentId}`);
    const agent = new AgentPanel(page);
    await expect(agent.panel).toBeVisible();
    await expect(agent.panel.getByTestId("agent-mode")).toHaveText("Manual");
    const planId = await agent.requestPlan();

    // The plan: catalog steps with risk, blast radius, dry run and rollback, and a what-if table.
    const step = agent.plan.getByTestId("plan-step").first();
    await expect(step).toHaveAttribute("data-action", "toggle_feature_flag");
    await expect(step).toContainText("paymentFailure");
    await expect(step.getByTestId("blast-radius")).toContainText("checkout");
    await expect(step).toContainText("Turn flag paymentFailure on again.");
    await expect(agent.plan.getByTestId("what-if-row").first()).toBeVisible();
    await expect(agent.plan.getByTestId("plan-check")).not.toHaveCount(0);

    // The approvals inbox lists it, and the nav badge counts it.
    await expect(page.getByTestId("approvals-badge").first()).toBeVisible();

    // Watch: record every status the card shows until it settles.
    await page.evaluate(() => {
      const w = window as unknown as { __statuses: string[] };
      w.__statuses = [];
      const seen = () => {
        const s = document.querySelector("[data-testid=agent-panel] [data-testid=plan-card]")?.getAttribute("data-status");
        if (s && w.__statuses.at(-1) !== s) w.__statuses.push(s);
      };
      new MutationObserver(seen).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    await agent.plan.getByTestId("plan-comment").fill("flag off, go");
    await agent.plan.getByTestId("plan-approve").click();
    await expect(agent.plan.getByTestId("plan-step-output").first()).toContainText(/ended 1 active fault/, { timeout: 20_000 });
    await expect(agent.plan).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
    await expect(agent.plan.locator("[data-testid=plan-check][data-passed=false]")).toHaveCount(0);
    const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
    expect(statuses).toContain("verifying");
    expect(statuses.at(-1)).toBe("succeeded");

    // The incident is resolved, by the agent, naming the approver; the timeline shows the agent's steps.
    const incident = await (await page.request.get(`/api/v1/incidents/${incidentId}?workspace=acme`)).json();
    expect(incident.status).toBe("resolved");
    await expect(page.getByTestId("incident-timeline")).toContainText("SRE agent ran step 1 of");
    await expect(page.getByTestId("incident-timeline")).toContainText("Verified: all");
    const plan = await (await page.request.get(`/api/v1/agent/plans/${planId}?workspace=acme`)).json();
    expect(plan.checks.every((c: { passed: boolean }) => c.passed)).toBe(true);
    expect(plan.decided_by.name).toBeTruthy();
    // The run is over: its world has healed.
    await expect.poll(async () => (await (await page.request.get(`/api/v1/simulations/${simulationId}?workspace=acme`)).json()).status, { timeout: 30_000 }).toBe("completed");
  });

  test("reject with a comment: nothing runs, the incident stays open, the inbox forgets it", async ({ page, baseURL }) => {
    const { incidentId, simulationId } = await drillIncident(page.request, baseURL!, "catalog_failure");
    await page.goto(`/incidents/${incidentId}`);
    const agent = new AgentPanel(page);
    const planId = await agent.requestPlan();
    await page.goto("/approvals");
    const item = page.locator(`[data-testid=approval-item][data-plan-id="${planId}"]`);
    await expect(item).toBeVisible();
    await item.getByTestId("plan-comment").fill("not during the sale");
    await item.getByTestId("plan-reject").click();
    await expect(item).toHaveCount(0, { timeout: 15_000 });
    await page.goto(`/incidents/${incidentId}`);
    await expect(agent.plan).toHaveAttribute("data-status", "rejected", { timeout: 20_000 });
    await expect(agent.plan.getByTestId("plan-decisions")).toContainText("not during the sale");
    await expect(agent.plan.locator("[data-testid=plan-step][data-status=done]")).toHaveCount(0);
    const incident = await (await page.request.get(`/api/v1/incidents/${incidentId}?workspace=acme`)).json();
    expect(incident.status).toBe("triage");
    // Approving it now is a conflict.
    expect((await page.request.post(`/api/v1/agent/plans/${planId}/approve?workspace=acme`, { headers: { origin: baseURL! } })).status()).toBe(409);
    await page.request.post(`/api/v1/simulations/${simulationId}/stop?workspace=acme`, { headers: { origin: baseURL! } });
  });

  test.describe("as a viewer", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("sees the plan but no Approve button, and the API refuses the approval", async ({ browser, page, baseURL }) => {
      // The admin invites a viewer to acme and proposes a plan on a drill's incident.
      const admin = await browser.newContext({ storageState: "playwright/.auth/admin.json" });
      const adminPage = await admin.newPage();
      const { incidentId, simulationId } = await drillIncident(adminPage.request, baseURL!, "high_cpu");
      const created = await adminPage.request.post(`/api/v1/incidents/${incidentId}/agent/plans?workspace=acme`, { headers: { origin: baseURL! } });
      expect(created.status()).toBe(201);
      const planId = (await created.json()).id as string;
      await adminPage.goto("/settings/members");
      await expect(adminPage.locator("[data-hydrated=true]").first()).toBeVisible();
      const viewer = { name: "Agent Viewer", email: `agent-viewer-${unique()}@example.com`, password: "viewer password 1" };
      await adminPage.getByLabel("Email").fill(viewer.email);
      await adminPage.getByRole("combobox", { name: "Role" }).first().click();
      await adminPage.getByRole("option", { name: "viewer" }).click();
      await adminPage.getByRole("button", { name: "Create invite link" }).click();
      const link = (await adminPage.getByTestId("invite-link").textContent())!.trim();

      // The viewer signs up through the link and joins.
      await page.goto(link);
      await page.getByRole("link", { name: "Create an account" }).click();
      await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
      await page.getByLabel("Name").fill(viewer.name);
      await page.getByLabel("Password").fill(viewer.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL("**/invite/**");
      await page.getByRole("button", { name: /^Join / }).click();
      await page.waitForURL("**/board");

      await page.goto(`/incidents/${incidentId}`);
      const agent = new AgentPanel(page);
      await expect(agent.plan).toHaveAttribute("data-status", "awaiting_approval");
      await expect(agent.plan.getByTestId("plan-step").first()).toBeVisible();
      await expect(agent.plan.getByTestId("plan-read-only")).toBeVisible();
      await expect(page.getByTestId("plan-approve")).toHaveCount(0);
      await expect(page.getByTestId("agent-plan")).toHaveCount(0);
      const refused = await page.request.post(`/api/v1/agent/plans/${planId}/approve?workspace=acme`, { headers: { origin: baseURL! } });
      expect(refused.status()).toBe(403);
      await page.goto("/approvals");
      await expect(page.locator(`[data-testid=approval-item][data-plan-id="${planId}"]`)).toBeVisible();
      await expect(page.getByTestId("plan-approve")).toHaveCount(0);
      const plan = await (await page.request.get(`/api/v1/agent/plans/${planId}?workspace=acme`)).json();
      expect(plan.status).toBe("awaiting_approval");
      await signOut(page);
      await adminPage.request.post(`/api/v1/simulations/${simulationId}/stop?workspace=acme`, { headers: { origin: baseURL! } });
      await admin.close();
    });
  });
});
