import { type APIRequestContext, expect, type Page } from "@playwright/test";

/** Waits until the wasm has hydrated the page (the app sets `<body data-hydrated="true">`).
 *  A click that lands before hydration is silently lost, so every interaction waits first. */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
}

/** The API token the harness created for the demo project (scripts/e2e.sh). */
export function apiToken(): string {
  const token = process.env.GRAPHJOBS_TOKEN;
  if (!token) throw new Error("GRAPHJOBS_TOKEN is not set: run the suite through scripts/e2e.sh");
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

/** Waits until a job's GES status is `status` (`success`, `failed`, …). */
export async function waitForJobStatus(request: APIRequestContext, id: string, status: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const res = await request.get(`/ges/v1.0/demo/graphs/movie/jobs/${id}/status?offset=0&limit=1`, {
          headers: { "X-Auth-Token": apiToken() },
        });
        return (await res.json()).status;
      },
      { timeout: 45_000 },
    )
    .toBe(status);
}
