import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { apiToken, signIn, signInWithoutJs, waitForHydration } from "../helpers";

// Visualization jobs (ModelArts) in the console: the create form's browser-side checks, a job
// whose train_url holds nothing going to FAILED with its reason, and list / search / delete.

/** A job name unique to this run (at most 20 characters of [A-Za-z0-9_-]). */
function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36).slice(-6)}`;
}

/** Creates a visualization job through the ModelArts REST API and returns its id. */
async function createByApi(request: APIRequestContext, name: string, trainUrl: string): Promise<number> {
  const res = await request.post("/v1/demo/visualization-jobs", {
    headers: { "X-Auth-Token": apiToken() },
    data: { job_name: name, job_desc: "created by viz.spec.ts", train_url: trainUrl },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).job_id as number;
}

/** Counts calls of the create server function from now on. */
function countCreateCalls(page: Page): () => number {
  let calls = 0;
  page.on("request", (req) => {
    if (req.url().includes("/rpc/create_visualization_job")) calls += 1;
  });
  return () => calls;
}

test("the create form shows inline errors and submits nothing", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Visualizations" }).click();
  await expect(page).toHaveURL(/\/visualizations$/);
  await page.getByRole("link", { name: "New visualization job" }).click();
  await expect(page).toHaveURL(/\/visualizations\/new$/);
  await waitForHydration(page);
  const calls = countCreateCalls(page);

  const name = page.getByLabel(/^Name/);
  const desc = page.getByLabel("Description");
  const trainUrl = page.getByLabel(/^train_url/);
  await name.fill("bad name!");
  await desc.fill("x".repeat(300));
  await trainUrl.fill("");
  await page.getByRole("button", { name: "Create" }).click();

  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/Use only letters, digits, _ and -/);
  await expect(desc).toHaveAttribute("aria-invalid", "true");
  await expect(desc).toHaveAccessibleDescription(/at most 256 characters \(this has 300\)/);
  await expect(trainUrl).toHaveAttribute("aria-invalid", "true");
  await expect(trainUrl).toHaveAccessibleDescription(/Enter the folder to show/);
  // The first wrong field has the focus; the optional auto-stop is fine empty.
  await expect(name).toBeFocused();
  await expect(page.getByLabel(/^Auto-stop/)).toHaveAttribute("aria-invalid", "false");
  await expect(page).toHaveURL(/\/visualizations\/new$/);
  expect(calls()).toBe(0);

  // Fixing a field clears its message as it is typed.
  await name.fill("good-name");
  await expect(name).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator("#job_name-error")).toHaveCount(0);
  expect(calls()).toBe(0);
});

test("a job whose train_url holds nothing fails and shows why", async ({ page, request }) => {
  await signIn(page);
  await page.goto("/visualizations/new");
  await waitForHydration(page);
  const name = uniqueName("e2e-fail");
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel(/^train_url/).fill("file:///nonexistent-graphjobs-e2e/");
  await page.getByRole("button", { name: "Create" }).click();

  await expect(page).toHaveURL(/\/visualizations\/\d+$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  // INIT → WAITING → FAILED by live refresh, without a reload.
  await expect(page.getByRole("status", { name: "Visualization state" })).toHaveText("FAILED", { timeout: 20_000 });
  const failure = page.getByRole("region", { name: "Why it failed" });
  await expect(failure).toBeVisible();
  await expect(failure).toContainText("file:///nonexistent-graphjobs-e2e/");
  // A failed job may be restarted or deleted, not stopped.
  await expect(page.getByRole("button", { name: "Restart" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop" })).toHaveCount(0);

  const id = new URL(page.url()).pathname.split("/").pop();
  await request.delete(`/v1/demo/visualization-jobs/${id}`, { headers: { "X-Auth-Token": apiToken() } });
});

test("the list shows a job, search filters it, delete with confirmation removes it", async ({ page, request }) => {
  const name = uniqueName("e2e-list");
  const id = await createByApi(request, name, "file:///nonexistent-graphjobs-e2e/");
  const other = await createByApi(request, uniqueName("e2e-other"), "file:///nonexistent-graphjobs-e2e/");

  await signIn(page);
  await page.goto("/visualizations");
  await waitForHydration(page);
  const table = page.getByRole("table", { name: "Visualization jobs, newest first" });
  const link = table.getByRole("link", { name, exact: true });
  await expect(link).toHaveAttribute("href", `/visualizations/${id}`);
  await expect(table.locator(`a[href="/visualizations/${other}"]`)).toHaveCount(1);

  // Search by name: the URL holds it, and only the matching job is listed.
  const filters = page.getByRole("search", { name: "Visualization job filters" });
  await filters.getByLabel("Search names").fill(name);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${name}(&|$)`));
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(link).toBeVisible();
  await expect(table.locator(`a[href="/visualizations/${other}"]`)).toHaveCount(0);

  // The status filter narrows by status word; the job fails quickly, so FAILED lists it.
  await expect(table.locator("tbody tr").first().getByText("FAILED", { exact: true })).toBeVisible({ timeout: 20_000 });
  await filters.getByLabel("Status").selectOption("FAILED");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]status=FAILED(&|$)/);
  await expect(link).toBeVisible();

  // Delete asks first; "Keep it" keeps it, "Yes, delete" removes it.
  // `has` is queried inside each row, so it names the link from there.
  const row = table.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await row.getByRole("button", { name: "Delete" }).click();
  const confirm = row.getByRole("group", { name: "Delete this visualization job?" });
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(link).toBeVisible();
  await row.getByRole("button", { name: "Delete" }).click();
  await confirm.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByText("No visualization jobs match these filters.")).toBeVisible();
  await expect(link).toHaveCount(0);

  const res = await request.get(`/v1/demo/visualization-jobs/${id}`, { headers: { "X-Auth-Token": apiToken() } });
  expect(res.status()).toBe(404);
  await request.delete(`/v1/demo/visualization-jobs/${other}`, { headers: { "X-Auth-Token": apiToken() } });
});

// Without wasm the form still posts (an <ActionForm>); the server's refusal comes back with
// its ModelArts code.
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server refuses a bad name with its ModelArts code", async ({ page }) => {
    await signInWithoutJs(page);

    await page.goto("/visualizations/new");
    await page.getByLabel(/^Name/).fill("bad name!");
    await page.getByLabel(/^train_url/).fill("file:///nonexistent-graphjobs-e2e/");
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(/\/visualizations\/new/);
    await expect(page.getByRole("alert")).toContainText("ModelArts.0104");
    await expect(page.getByRole("alert")).toContainText("Illegal name: bad name!");
  });
});
