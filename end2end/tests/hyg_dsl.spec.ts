import { expect, test } from "@playwright/test";
import { apiToken, signIn } from "../helpers";

// The HyG script page: a plain form posted to the server (no island of its own) that queues
// a HyG dsl job on a synced view and sends the browser to the job's page, where the lines
// the script printed page as rows. A refused script comes back with the reason, as typed.

test("a script typed in the browser runs on a synced HyG view and its output pages on the job", async ({ page, request }) => {
  const hyg = "/ges/v1.0/demo/hyg/movie";
  const headers = { "X-Auth-Token": apiToken() };
  const created = await request.post(hyg, { headers, data: {} });
  // 400 GES.8000: the view is there already (a rerun against the same data dir).
  expect([200, 400], await created.text()).toContain(created.status());
  try {
    const sync = await request.post(`${hyg}/sync`, {
      headers,
      data: { vertex: [{ label: "user", property: [] }, { label: "movie", property: [] }], edge: [{ label: "rate", property: [] }] },
    });
    expect(sync.status(), await sync.text()).toBe(200);
    const syncId = (await sync.json()).jobId as string;
    await expect
      .poll(async () => {
        const res = await request.get(`/ges/v1.0/demo/graphs/movie/jobs/${syncId}/status`, { headers });
        return (await res.json()).status;
      }, { timeout: 45_000 })
      .toBe("complete");

    await signIn(page);
    await page.goto("/hyg");
    await page.getByRole("link", { name: "Run a script" }).click();
    await expect(page).toHaveURL(/\/hyg\/dsl$/);
    await expect(page.getByLabel("HyG view")).toHaveValue("movie");
    const script = page.getByLabel("Script (Python, HyG's Pregel API)");
    await expect(script).toHaveValue(/load_base_graph\("movie"\)/);

    // Outside the subset: refused with the line and the construct, the form as typed.
    const typed = 'import os\nprint("</textarea>")\n';
    await script.fill(typed);
    await page.getByLabel("Timeout, seconds").fill("120");
    await page.getByRole("button", { name: "Run script" }).click();
    await expect(page.getByRole("alert")).toContainText("The script was refused");
    await expect(page.getByRole("alert")).toContainText("line 1: unsupported construct `import`");
    await expect(script).toHaveValue(typed);
    await expect(page.getByLabel("Timeout, seconds")).toHaveValue("120");

    // The starting script (each vertex's out-degree) runs and prints one dict per partition.
    await page.goto("/hyg/dsl");
    await page.getByRole("button", { name: "Run script" }).click();
    await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
    await expect(page.getByRole("status", { name: "Job state" })).toHaveText("succeeded", { timeout: 45_000 });
    const rows = page.getByRole("table", { name: /Result rows/ });
    for (const column of ["partition", "line"]) {
      await expect(rows.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
    }
    await expect(rows.locator("tbody tr")).toHaveCount(2);
    await expect(rows.locator("tbody tr").first()).toContainText("{'");
  } finally {
    await request.delete(hyg, { headers });
  }
});
