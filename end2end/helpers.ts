import { type APIRequestContext, expect, type Page } from "@playwright/test";

/** Waits until the wasm has hydrated the page (the app sets `<body data-hydrated="true">`).
 *  A click that lands before hydration is silently lost, so every interaction waits first. */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
}

/** The API token the harness created for the demo project (scripts/system/e2e.sh). */
export function apiToken(): string {
  const token = process.env.GRAPHJOBS_TOKEN;
  if (!token) throw new Error("GRAPHJOBS_TOKEN is not set: run the suite through scripts/system/e2e.sh");
  return token;
}

/** Signs in through the form and waits for the jobs page. */
export async function signIn(page: Page, token = apiToken()): Promise<void> {
  await page.goto("/signin");
  await waitForHydration(page);
  await page.getByLabel("API token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
}

/** Signs in by the plain form post, for a page without JavaScript (`javaScriptEnabled: false`):
 *  nothing hydrates, so there is nothing to wait for but the redirect. */
export async function signInWithoutJs(page: Page, token = apiToken()): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("API token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
}

/** Sets a value on `window` that only survives while no full page load happens. */
export async function setNavigationMarker(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __gjMarker?: string }).__gjMarker = "no reload";
  });
}

/** Asserts that the marker set by {@link setNavigationMarker} is still there. */
export async function expectNoReload(page: Page): Promise<void> {
  const marker = await page.evaluate(() => (window as unknown as { __gjMarker?: string }).__gjMarker);
  expect(marker, "the page was reloaded").toBe("no reload");
}

/** Submits an algorithm job through the GES REST API and returns its id. */
export async function submitAlgorithm(
  request: APIRequestContext,
  name: string,
  parameters: Record<string, unknown> = {},
  graph = "movie",
): Promise<string> {
  const res = await request.post(`/ges/v1.0/demo/graphs/${graph}/action?action_id=execute-algorithm`, {
    headers: { "X-Auth-Token": apiToken() },
    data: { algorithmName: name, parameters },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).jobId as string;
}

/** A job's GES status (`running`, `success`, `failed`, …), asked of graph `graph`. */
export async function jobStatus(request: APIRequestContext, id: string, graph = "movie"): Promise<string> {
  const res = await request.get(`/ges/v1.0/demo/graphs/${graph}/jobs/${id}/status?offset=0&limit=1`, {
    headers: { "X-Auth-Token": apiToken() },
  });
  return (await res.json()).status;
}

/** Waits until a job's GES status is `status` (`success`, `failed`, …). */
export async function waitForJobStatus(request: APIRequestContext, id: string, status: string): Promise<void> {
  await expect.poll(() => jobStatus(request, id), { timeout: 45_000 }).toBe(status);
}

/** The server's data dir (scripts/system/e2e.sh): an allowed root for `file://` import paths. */
export function dataDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run the suite through scripts/system/e2e.sh");
  return dir;
}

const SLOW_SCHEMA = `<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>`;

/** A genuinely long job: an import whose vertex file is a FIFO. It runs (blocked reading its
 *  input) until `release` writes the rows; a job that never opened the FIFO is left alone.
 *  Submitted to `base` (another node of a cluster) when given, else to the page's server. */
export async function slowImport(
  request: APIRequestContext,
  graph: string,
  base = "",
): Promise<{ id: string; release: () => void }> {
  const { execFileSync } = await import("node:child_process");
  const fs = await import("node:fs");
  const path = await import("node:path");
  const dir = path.join(dataDir(), `slow-${graph}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "schema.xml"), SLOW_SCHEMA);
  fs.writeFileSync(path.join(dir, "e.csv"), "a,b,e\n");
  const fifo = path.join(dir, "v.csv");
  execFileSync("mkfifo", [fifo]);
  const res = await request.post(`${base}/ges/v1.0/demo/graphs/${graph}/action?action_id=import-graph`, {
    headers: { "X-Auth-Token": apiToken() },
    data: { schemaPath: `file://${dir}/schema.xml`, vertexsetPath: `file://${fifo}`, edgesetPath: `file://${dir}/e.csv` },
  });
  expect(res.status(), await res.text()).toBe(200);
  const id = (await res.json()).jobId as string;
  const release = () => {
    let fd: number;
    try {
      // Non-blocking: fails (ENXIO) unless the import has the FIFO open for reading.
      fd = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    } catch {
      return;
    }
    fs.writeSync(fd, "a,n\nb,n\n");
    fs.closeSync(fd);
  };
  return { id, release };
}

/** Waits until the console's job detail shows `state` (pushed live, no reload). */
export async function expectJobState(page: Page, state: string, timeout = 30_000): Promise<void> {
  await expect(page.getByRole("status", { name: "Job state" })).toHaveText(state, { timeout });
}

/** On a running slow import's detail page: cancel it with the confirmation, see it
 *  `cancelling` while it is blocked on its input, then release the input and see it
 *  `cancelled`, all pushed live. */
export async function cancelSlowImportInConsole(page: Page, slow: { release: () => void }): Promise<void> {
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await page.getByRole("button", { name: "Yes, cancel job" }).click();
  // The import is blocked on its input: the cancel is recorded, the compute has not stopped.
  await expectJobState(page, "cancelling");
  // Once its input arrives the import notices the cancel and stops; the page learns it live.
  slow.release();
  await expectJobState(page, "cancelled");
  await expect(page.getByText("cancelled in the console")).toBeVisible();
}

/** Cancels a job through the GES API, ignoring one that already finished. */
export async function cancelQuietly(request: APIRequestContext, id: string, graph = "movie"): Promise<void> {
  await request.delete(`/ges/v1.0/demo/graphs/${graph}/jobs/${id}`, { headers: { "X-Auth-Token": apiToken() } });
}

/** Without JavaScript nothing refreshes: reloads the job page until its state reads `state`. */
export async function reloadUntilJobState(page: Page, state: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByRole("status", { name: "Job state" }).textContent();
      },
      { timeout: 45_000 },
    )
    .toBe(state);
}

/** Deletes graph `name` of project demo through the management API and waits until it is gone,
 *  leaving the project as the other specs expect it. */
export async function deleteGraph(request: APIRequestContext, name: string): Promise<void> {
  const headers = { "X-Auth-Token": apiToken() };
  const res = await request.delete(`/v2/demo/graphs/${name}`, { headers });
  expect(res.status(), await res.text()).toBe(200);
  await expect
    .poll(async () => (await request.get(`/v2/demo/graphs/${name}`, { headers })).status(), { timeout: 45_000 })
    .not.toBe(200);
}
