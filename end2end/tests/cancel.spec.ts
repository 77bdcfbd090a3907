import { expect, test } from "@playwright/test";
import { expectJobState, expectNoReload, setNavigationMarker, signIn, slowImport, waitForHydration } from "../helpers";

test("cancel a long job: running, then cancelling while it winds down, then cancelled", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_cancel");
  try {
    await signIn(page);
    await page.goto(`/jobs/${slow.id}`);
    await waitForHydration(page);
    await setNavigationMarker(page);
    await expectJobState(page, "running");
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await page.getByRole("button", { name: "Yes, cancel job" }).click();
    // The import is blocked on its input: the cancel is recorded, the compute has not stopped.
    await expectJobState(page, "cancelling");
    // Once its input arrives the import notices the cancel and stops; the page learns it live.
    slow.release();
    await expectJobState(page, "cancelled");
    await expect(page.getByText("cancelled in the console")).toBeVisible();
    await expectNoReload(page);
  } finally {
    slow.release();
  }
});
