import { expect, test } from "@playwright/test";
import { apiToken, cancelSlowImportInConsole, expectJobState, expectNoReload, setNavigationMarker, signIn, slowImport, submitAlgorithm, waitForHydration } from "../helpers";

/** The node that runs every job (the console under test, BASE_URL, runs none). */
function runner(): string {
  const first = (process.env.NODE_URLS ?? "").split(" ").filter(Boolean)[0];
  if (!first) throw new Error("NODE_URLS is not set: run the suite through scripts/system/e2e_cluster.sh");
  return first.replace(/\/$/, "");
}

test("a console-only node shows, live, a job another node runs, and cancels it there", async ({ page, request }) => {
  await signIn(page);
  await waitForHydration(page);
  await setNavigationMarker(page);
  await expect(page.locator('.live-status[data-live="pushed"]')).toBeVisible();
  // Submitted through the other node, run by it: only a notification can bring it here.
  const slow = await slowImport(request, `cluster_slow_${Date.now()}`, runner());
  try {
    const row = page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${slow.id}"]`) });
    await expect(row).toHaveCount(1);
    await expect(row.getByText("running", { exact: true })).toBeVisible();
    await expectNoReload(page);
    await row.locator(`a[href="/jobs/${slow.id}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${slow.id}$`));
    await waitForHydration(page);
    await setNavigationMarker(page);
    await expectJobState(page, "running");
    // The running node learns of the cancel from this one.
    await cancelSlowImportInConsole(page, slow);
    await expectNoReload(page);
    const res = await request.get(`${runner()}/v1/demo/jobs/${slow.id}`, { headers: { "X-Auth-Token": apiToken() } });
    expect(res.status(), await res.text()).toBe(200);
    expect((await res.json()).status).toBe("FAIL");
  } finally {
    slow.release();
  }
});

test("a result written by another node pages on this one, from the object store", async ({ page, request }) => {
  const id = await submitAlgorithm(request, "pagerank", { alpha: 0.83 });
  await signIn(page);
  await page.goto(`/jobs/${id}`);
  await waitForHydration(page);
  await expectJobState(page, "succeeded", 45_000);
  const results = page.getByRole("table", { name: /Result rows/ });
  await expect(results.locator("tbody tr")).toHaveCount(10);
  const pager = page.getByRole("navigation", { name: "Result pages" });
  await expect(pager.getByRole("status")).toContainText("rows 1–10 of 4018");
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(pager.getByRole("status")).toContainText("rows 11–20 of 4018");
  await expect(results.locator("tbody tr")).toHaveCount(10);
});
