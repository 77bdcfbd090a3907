import { expect, test } from "@playwright/test";
import {
  cancelSlowImportInConsole,
  expectJobState,
  expectNoReload,
  setNavigationMarker,
  signIn,
  slowImport,
  submitAlgorithm,
  waitForHydration,
} from "../helpers";

test("cancel a long job: running, then cancelling while it winds down, then cancelled", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_cancel");
  try {
    await signIn(page);
    await page.goto(`/jobs/${slow.id}`);
    await waitForHydration(page);
    await setNavigationMarker(page);
    await expectJobState(page, "running");
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

    await cancelSlowImportInConsole(page, slow);
    await expectNoReload(page);
  } finally {
    slow.release();
  }
});

test("a reason typed into a cancel confirmation survives the jobs table being drawn again", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_cancel_reason");
  const reason = "typed before the table was drawn again";
  const row = (id: string) => page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
  try {
    await signIn(page);
    await waitForHydration(page);
    await expect(row(slow.id).getByText("running", { exact: true })).toBeVisible();
    await row(slow.id).getByRole("button", { name: "Cancel", exact: true }).click();
    const input = page.getByLabel("Reason (optional)");
    await input.fill(reason);
    // A job submitted elsewhere: the table is drawn again with it, the open confirmation too.
    const other = await submitAlgorithm(request, "pagerank", { alpha: 0.64 });
    await expect(row(other)).toHaveCount(1);
    await expect(input).toHaveValue(reason);
    await page.getByRole("button", { name: "Yes, cancel job" }).click();
    await expect(row(slow.id).getByText("cancelling", { exact: true })).toBeVisible();
    slow.release();
    await page.goto(`/jobs/${slow.id}`);
    await expectJobState(page, "cancelled");
    await expect(page.getByText(reason)).toBeVisible();
  } finally {
    slow.release();
  }
});
