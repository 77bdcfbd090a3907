import { expect, test } from "@playwright/test";
import { cancelSlowImportInConsole, expectJobState, expectNoReload, setNavigationMarker, signIn, slowImport, waitForHydration } from "../helpers";

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
