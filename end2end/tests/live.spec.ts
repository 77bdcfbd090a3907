import { expect, test } from "@playwright/test";
import { expectNoReload, setNavigationMarker, signIn, slowImport, submitAlgorithm, waitForHydration, waitForJobStatus } from "../helpers";

test("the jobs table shows a job submitted elsewhere, pushed by the server", async ({ page, request }) => {
  await signIn(page);
  await waitForHydration(page);
  await setNavigationMarker(page);
  // Nothing on the page is running, so nothing polls: only the stream can bring the new job.
  await expect(page.locator('.live-status[data-live="pushed"]')).toBeVisible();
  const id = await submitAlgorithm(request, "pagerank", { alpha: 0.61 });
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
  await expect(row).toHaveCount(1);
  await waitForJobStatus(request, id, "success");
  await expect(row.getByText("succeeded", { exact: true })).toBeVisible();
  await expectNoReload(page);
});

test("a live page whose session ended goes to sign-in at the next pushed change", async ({ page, context, request }) => {
  await signIn(page);
  await waitForHydration(page);
  await expect(page.locator('.live-status[data-live="pushed"]')).toBeVisible();
  await context.clearCookies();
  // The open stream still delivers the change; the refetch it causes is refused (401).
  await submitAlgorithm(request, "pagerank", { alpha: 0.62 });
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByLabel("API token")).toBeVisible();
});

test("the overview refreshes live, but not under the keyboard focus", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_overview");
  try {
    await signIn(page);
    await page.goto("/overview");
    await waitForHydration(page);
    await setNavigationMarker(page);
    const running = page.getByRole("region", { name: "Running" });
    const link = running.locator(`a[href="/jobs/${slow.id}"]`);
    await expect(link).toBeVisible();
    // Focus the running job's link and mark the element: a replaced overview would drop both.
    await link.focus();
    await link.evaluate((el) => el.setAttribute("data-marked", "yes"));
    slow.release();
    // The job ends and the page polls on, but the fresh render waits while the focus is inside.
    await page.waitForTimeout(2500);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-marked"))).toBe("yes");
    await expect(link).toBeVisible();
    // Once the focus leaves, the held render is put in place: the job is no longer running.
    await page.getByRole("heading", { name: "Overview", level: 1 }).click();
    await expect(running.locator(`a[href="/jobs/${slow.id}"]`)).toHaveCount(0);
    await expectNoReload(page);
  } finally {
    slow.release();
  }
});
