import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import {
  cancelQuietly,
  cancelSlowImportInConsole,
  expectJobState,
  signIn,
  signInWithoutJs,
  slowImport,
  waitForHydration,
} from "../helpers";

/** A token of project demo with `role` (scripts/e2e.sh makes them with `token create --role`). */
function roleToken(role: "viewer" | "operator"): string {
  const name = `GRAPHJOBS_${role.toUpperCase()}_TOKEN`;
  const token = process.env[name];
  if (!token) throw new Error(`${name} is not set: run the suite through scripts/e2e.sh`);
  return token;
}

/** Calls a console server function with the page's session, as a script on the page could. */
async function callServerFunction(page: Page, request: APIRequestContext, name: string, form: Record<string, string>) {
  const session = (await page.context().cookies()).find((c) => c.name === "gj_session")!.value;
  return request.post(`/rpc/${name}`, {
    headers: { Cookie: `gj_session=${session}` },
    form,
    maxRedirects: 0,
  });
}

test("a viewer sees a running job without a cancel button, and the API refuses its cancel", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_roles");
  try {
    await signIn(page, roleToken("viewer"));
    await expect(page.locator(".role-badge")).toHaveText("viewer");
    // The jobs table lists the running import, with nothing to cancel it (or any job) with.
    await expect(page.getByRole("link", { name: `${slow.id.slice(0, 8)}…` })).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel", exact: true })).toHaveCount(0);
    await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Run algorithm" })).toHaveCount(0);

    await page.goto(`/jobs/${slow.id}`);
    await waitForHydration(page);
    await expectJobState(page, "running");
    await expect(page.getByRole("button", { name: "Cancel", exact: true })).toHaveCount(0);
    await expect(page.getByText("Run again", { exact: true })).toHaveCount(0);

    // Hiding is not the guard: the REST API refuses the viewer's cancel in the GES envelope…
    const refused = await request.delete(`/ges/v1.0/demo/graphs/slow_roles/jobs/${slow.id}`, {
      headers: { "X-Auth-Token": roleToken("viewer") },
    });
    expect(refused.status()).toBe(403);
    const body = await refused.json();
    expect(body.errorCode).toBe("GES.8020");
    expect(body.errorMessage).toContain("viewer");
    // …and so does the console's own server function, called with the viewer's session.
    const rpc = await callServerFunction(page, request, "cancel_job", { id: slow.id });
    expect(rpc.status()).toBe(403);
    expect(await rpc.text()).toContain("Your role in project demo is viewer");
    // The job runs on.
    await expectJobState(page, "running");

    // The forms that change something say what they would need instead.
    await page.goto("/run");
    await expect(page.getByText("Your role in this project is viewer: it cannot run algorithms")).toBeVisible();
    await expect(page.getByRole("button", { name: "Submit" })).toHaveCount(0);
    await page.goto("/graphs/import");
    await expect(page.getByText("it cannot import graphs; that needs the admin role.")).toBeVisible();
    await page.goto("/graphs/movie");
    await expect(page.getByRole("heading", { name: "Graph movie" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete graph" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Clear data" })).toHaveCount(0);
  } finally {
    await cancelQuietly(request, slow.id, "slow_roles");
    slow.release();
  }
});

test("an operator cancels a job in the console but is offered no graph deletion", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_roles_op");
  try {
    await signIn(page, roleToken("operator"));
    await expect(page.locator(".role-badge")).toHaveText("operator");
    await page.goto("/graphs/movie");
    await expect(page.getByRole("heading", { name: "Graph movie" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete graph" })).toHaveCount(0);

    await page.goto(`/jobs/${slow.id}`);
    await waitForHydration(page);
    await expectJobState(page, "running");
    await cancelSlowImportInConsole(page, slow);
  } finally {
    slow.release();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a viewer's job page has no cancel form", async ({ page, request }) => {
    const slow = await slowImport(request, "slow_roles_nojs");
    try {
      await signInWithoutJs(page, roleToken("viewer"));
      await page.goto(`/jobs/${slow.id}`);
      await expect(page.getByRole("status", { name: "Job state" })).toHaveText("running", { timeout: 30_000 });
      await expect(page.getByRole("button", { name: "Cancel", exact: true })).toHaveCount(0);
      await expect(page.locator('form[action="/rpc/cancel_job"]')).toHaveCount(0);
    } finally {
      await cancelQuietly(request, slow.id, "slow_roles_nojs");
      slow.release();
    }
  });
});
