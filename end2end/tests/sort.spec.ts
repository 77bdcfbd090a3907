import { expect, test } from "@playwright/test";
import { apiToken, signIn, submitAlgorithm, waitForJobStatus } from "../helpers";

test("sort a result by its metric, highest first, and page through the sorted order", async ({ page, request }) => {
  const id = await submitAlgorithm(request, "pagerank", { alpha: 0.86 });
  await waitForJobStatus(request, id, "success");
  await signIn(page);
  // Sorting and paging are links: each is a page of its own, rendered by the server.
  await page.goto(`/jobs/${id}`);
  const results = page.getByRole("table", { name: /Result rows/ });
  const values = async () => (await results.locator("tbody tr td:nth-child(2)").allTextContents()).map(Number);

  await page.getByRole("link", { name: "Sort by pagerank, highest first" }).click();
  await expect(page).toHaveURL(/[?&]sort=pagerank(&|$)/);
  await expect(results.getByRole("columnheader", { name: /pagerank/ })).toHaveAttribute("aria-sort", "descending");
  const first = await values();
  expect(first).toHaveLength(10);
  expect([...first].sort((a, b) => b - a)).toEqual(first);

  // The next page continues below the first one's lowest value.
  await page.getByRole("navigation", { name: "Result pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]offset=10(&|$)/);
  await expect(page).toHaveURL(/[?&]sort=pagerank(&|$)/);
  await expect.poll(async () => (await values())[0]).toBeLessThanOrEqual(first[first.length - 1]);
  const second = await values();
  expect([...second].sort((a, b) => b - a)).toEqual(second);

  // The first sorted row holds the largest value of the whole result (all 4018 rows, from the API).
  const all = await request.get(`/ges/v1.0/demo/graphs/movie/jobs/${id}/status?offset=0&limit=5000`, {
    headers: { "X-Auth-Token": apiToken() },
  });
  const rows: { pagerank: number }[] = (await all.json()).data.outputs.results;
  expect(rows).toHaveLength(4018);
  expect(first[0]).toBeCloseTo(Math.max(...rows.map((r) => r.pagerank)), 6);

  await page.getByRole("link", { name: "Back to row order" }).click();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(results.getByRole("columnheader", { name: /pagerank/ })).not.toHaveAttribute("aria-sort", "descending");
});
