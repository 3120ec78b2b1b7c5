/**
 * Page object of the SRE agent on an incident (components/agent/agent-panel.tsx) and of the
 * approvals inbox (/approvals).
 *
 * Stable data-testid attributes:
 *   agent-panel        the panel; data-hydrated="true" once React has hydrated, data-state = the latest plan's status
 *   agent-plan         "Plan remediation" / "Plan again"; agent-pick-action opens the manual action dialog
 *   agent-mode         the incident's remediation mode; agent-no-connector / agent-no-world when nothing can execute
 *   plan-card          a plan (data-plan-id, data-status); plan-status, plan-stepper, plan-summary, plan-notice, plan-failure
 *   plan-step          a step (data-status = pending | done | failed | rolled_back, data-action); plan-step-output
 *   plan-check         a check (data-passed); what-if / what-if-row; plan-dropped; plan-decisions
 *   plan-comment, plan-approve, plan-reject, plan-rollback   the decision bar; plan-read-only for roles that cannot decide
 *   approvals-inbox (data-count), approval-item (data-plan-id), approvals-empty, approvals-badge (the nav count)
 */
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export class AgentPanel {
  readonly panel: Locator;
  readonly plan: Locator;

  constructor(readonly page: Page) {
    this.panel = page.locator("[data-testid=agent-panel][data-hydrated=true]");
    this.plan = this.panel.getByTestId("plan-card").first();
  }

  async requestPlan(): Promise<string> {
    await this.panel.getByTestId("agent-plan").click();
    await expect(this.plan).toHaveAttribute("data-status", "awaiting_approval", { timeout: 30_000 });
    return (await this.plan.getAttribute("data-plan-id"))!;
  }
}

/**
 * Starts a drill in `acme` through the REST API (the browser session) and waits until its root
 * service's incident is open; returns the incident's id and the run's.
 */
export async function drillIncident(request: APIRequestContext, baseURL: string, scenario: string, speed = 10): Promise<{ incidentId: string; simulationId: string }> {
  const res = await request.post(`/api/v1/scenarios/${scenario}/start?workspace=acme`, { data: { speed }, headers: { origin: baseURL } });
  expect(res.status(), await res.text()).toBe(201);
  const { simulation_id } = (await res.json()) as { simulation_id: string };
  let incidentId: string | null = null;
  await expect
    .poll(
      async () => {
        const run = (await (await request.get(`/api/v1/simulations/${simulation_id}?workspace=acme`)).json()) as { incident_id: string | null };
        incidentId = run.incident_id;
        return incidentId;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .not.toBeNull();
  return { incidentId: incidentId!, simulationId: simulation_id };
}
