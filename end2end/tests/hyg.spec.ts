import { expect, test } from "@playwright/test";
import { apiToken, expectNoReload, setNavigationMarker, signIn, waitForHydration } from "../helpers";

// The HyG page: its table is server HTML, and "Cancel all queued" (a form in it) asks first,
// is carried out by the island, says what it did, and leaves the view in the table.

test("cancel all queued asks first, then says how many it cancelled and links the record", async ({ page, request }) => {
  const hyg = "/ges/v1.0/demo/hyg/movie";
  const headers = { "X-Auth-Token": apiToken() };
  const created = await request.post(hyg, { headers, data: { inEdge: true } });
  // 400 GES.8000: the view is there already (a rerun against the same data dir).
  expect([200, 400], await created.text()).toContain(created.status());

  try {
    await signIn(page);
    await page.goto("/hyg");
    await waitForHydration(page);
    const table = page.getByRole("table", { name: "HyG views" });
    const row = table.getByRole("row").filter({ has: page.getByRole("cell", { name: "movie", exact: true }) });
    await expect(row.getByRole("link", { name: "Jobs" })).toHaveAttribute("href", "/jobs?graph=movie");

    const confirm = row.getByRole("group", { name: "Cancel every queued HyG job of this graph?" });
    await expect(confirm).toBeHidden();
    await row.getByRole("button", { name: "Cancel all queued" }).click();
    await expect(confirm).toBeVisible();
    // The focus moves into the question, and "Keep them" closes it again.
    await expect(confirm.getByRole("button", { name: "Keep them" })).toBeFocused();
    await confirm.getByRole("button", { name: "Keep them" }).click();
    await expect(confirm).toBeHidden();
    await expect(row.getByRole("button", { name: "Cancel all queued" })).toBeFocused();

    await setNavigationMarker(page);
    await row.getByRole("button", { name: "Cancel all queued" }).click();
    await confirm.getByRole("button", { name: "Yes, cancel them" }).click();
    const notice = page.getByRole("status").filter({ hasText: "Cancelled 0 queued HyG jobs." });
    await expect(notice).toBeVisible();
    // The island posted it (no page load), and the record is a CancelJobs job.
    await expectNoReload(page);
    const record = notice.getByRole("link");
    await record.click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]+$/);
    await expect(page.getByText("CancelJobs").first()).toBeVisible();
  } finally {
    await request.delete(hyg, { headers });
  }
});
