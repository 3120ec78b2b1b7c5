import { expect, test } from "@playwright/test";

/**
 * Who responds: an admin builds a schedule and an escalation policy on the on-call page, an incident
 * on the policy's service opens and pages them (the server's own scheduler runs the engine), they
 * acknowledge from the bell's inbox and the escalation stops; they take the lead and the board's
 * "Mine" filter shows the incidents they lead. The policy covers only this run's service, so the
 * other specs' incidents page nobody.
 */
/** With SCREENS_DIR set, the key screens are saved there at desktop and phone widths (for review, not asserted). */
async function shoot(page: import("@playwright/test").Page, name: string) {
  const dir = process.env.SCREENS_DIR;
  if (!dir) return;
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: width !== 390 });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("on-call", () => {
  test("assign a lead, get paged, acknowledge from the inbox, see the escalation stop; Mine shows the incidents I lead", async ({ page, baseURL }) => {
    test.setTimeout(240_000);
    const run = unique();
    const service = `oncall-${run}`;

    // A schedule with me on the primary rotation, and a policy paging it for this service.
    await page.goto("/oncall");
    await expect(page.getByTestId("oncall-screen")).toBeVisible();
    await page.getByTestId("new-schedule").click();
    const scheduleForm = page.getByTestId("schedule-form");
    await scheduleForm.getByLabel("Name").fill(`Primary ${run}`);
    await scheduleForm.getByLabel("Time zone").fill("Europe/Berlin");
    await scheduleForm.getByLabel("Starts").fill("2020-01-06");
    // The e2e admin (FIREDRILL_ADMIN_EMAIL) is "Firedrill Admin": the primary rotation is just them.
    await scheduleForm.getByRole("button", { name: "Firedrill Admin", exact: true }).first().click();
    await scheduleForm.getByRole("button", { name: "Create schedule" }).click();
    const card = page.getByTestId("schedule-card").filter({ hasText: `Primary ${run}` });
    await expect(card.getByTestId("on-call-now")).toContainText("now");

    await page.getByTestId("new-policy").click();
    const policyForm = page.getByTestId("policy-form");
    await policyForm.getByLabel("Services (empty: all)").fill(service);
    await policyForm.getByLabel("Name").fill(`Policy ${run}`);
    await policyForm.getByLabel("Level 1 target").selectOption({ label: `Primary ${run} · Primary` });
    await policyForm.getByRole("button", { name: "Create policy" }).click();
    await expect(page.getByTestId("policy-card").filter({ hasText: `Policy ${run}` })).toContainText(`Primary ${run}`);
    await shoot(page, "oncall-page");

    // Two incidents on the service; the engine pages me for the P1.
    const create = async (title: string) => {
      const res = await page.request.post("/api/v1/incidents?workspace=acme", { data: { title, service, severity: "P1" }, headers: { origin: baseURL! } });
      expect(res.status()).toBe(201);
      return (await res.json()) as { id: string; number: number };
    };
    const mine = await create(`Checkout down ${run}`);
    const other = await create(`Someone else's ${run}`);

    await page.goto("/board");
    const bell = page.getByTestId("notification-bell");
    await expect(page.getByTestId("notification-count")).toBeVisible({ timeout: 30_000 });
    await bell.click();
    const inbox = page.getByTestId("notification-inbox");
    const page1 = inbox.getByTestId("notification-item").filter({ hasText: `Checkout down ${run}` });
    await expect(page1).toContainText("Paged");
    if (process.env.SCREENS_DIR) await page.screenshot({ path: `${process.env.SCREENS_DIR}/inbox-paged-1280.png` });
    await page1.getByTestId("inbox-acknowledge").click();
    await expect(page1.getByTestId("inbox-acknowledge")).toHaveCount(0);

    // The incident: acknowledged, out of triage, the page and the acknowledgement on the timeline.
    await page.goto(`/incidents/${mine.id}`);
    await expect(page.getByTestId("escalation-status")).toContainText("Acknowledged");
    await expect(page.getByTestId("incident-timeline")).toContainText("Paged level 1");
    await expect(page.getByTestId("incident-timeline")).toContainText(/Acknowledged by .*: escalation stopped/);
    const after = await (await page.request.get(`/api/v1/incidents/${mine.id}?workspace=acme`)).json();
    expect(after.status).toBe("investigating");

    // Take the lead: the select shows me, the timeline records it.
    await page.getByTestId("assign-to-me").click();
    await expect(page.getByTestId("assign-to-me")).toHaveCount(0);
    await expect(page.getByTestId("incident-timeline")).toContainText("Incident lead:");
    await shoot(page, "incident-people");
    const roles = await (await page.request.get(`/api/v1/incidents/${mine.id}/roles?workspace=acme`)).json();
    expect(roles.lead).toBeTruthy();

    // The board's Mine filter: my incident, not the other one; the URL carries it.
    await page.goto("/board");
    await expect(page.getByTestId("board")).toHaveAttribute("data-hydrated", "true");
    await page.getByTestId("filter-mine").click();
    await expect(page).toHaveURL(/mine=true/);
    await expect(page.getByTestId(`incident-link-${mine.number}`)).toBeVisible();
    await expect(page.getByTestId(`incident-link-${other.number}`)).toHaveCount(0);
    await expect(page.getByTestId("card-lead").first()).toBeVisible();
    await shoot(page, "board-mine");

    // The other incident is still paging; acknowledging it by REST stops it too.
    const ack = await page.request.post(`/api/v1/incidents/${other.id}/acknowledge?workspace=acme`, { headers: { origin: baseURL! } });
    expect(ack.status()).toBe(200);
    expect((await ack.json()).escalation_stopped).toBe(true);
  });
});
