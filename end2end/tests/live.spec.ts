import { expect, test } from "@playwright/test";
import { expectNoReload, setNavigationMarker, signIn, submitAlgorithm, waitForHydration, waitForJobStatus } from "../helpers";

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
