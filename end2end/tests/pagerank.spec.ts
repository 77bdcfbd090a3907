import { expect, test } from "@playwright/test";
import { expectNoReload, setNavigationMarker, signIn, waitForHydration } from "../helpers";

test("run pagerank on movie, watch it succeed live, page through the result", async ({ page }) => {
  await signIn(page);
  const mainNav = page.getByRole("navigation", { name: "Main" });

  // The run form, generated from the algorithm catalogue.
  await mainNav.getByRole("link", { name: "Run algorithm" }).click();
  await expect(page).toHaveURL(/\/run$/);
  await waitForHydration(page);
  await page.getByLabel("Graph").selectOption("movie");
  await page.getByLabel("Algorithm").selectOption("pagerank");
  await expect(page.getByRole("group", { name: "Parameters" })).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();

  // The job detail page: the state reaches "succeeded" by live refresh, without a reload.
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  await waitForHydration(page);
  await setNavigationMarker(page);
  const jobId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  await expect(page.getByRole("status", { name: "Job state" })).toHaveText("succeeded", { timeout: 45_000 });
  await expectNoReload(page);

  // Result rows with a pagerank column, ten per page by default.
  const results = page.getByRole("table", { name: /Result rows/ });
  await expect(results.getByRole("columnheader", { name: "id", exact: true })).toBeVisible();
  await expect(results.getByRole("columnheader", { name: "pagerank", exact: true })).toBeVisible();
  await expect(results.locator("tbody tr")).toHaveCount(10);
  const resultPager = page.getByRole("navigation", { name: "Result pages" });
  await expect(resultPager.getByRole("status")).toContainText("rows 1–10 of");
  const firstPageIds = await results.locator("tbody tr td:first-child").allTextContents();

  await resultPager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]offset=10(&|$)/);
  await expect(resultPager.getByRole("status")).toContainText("rows 11–20 of");
  await expect(results.locator("tbody tr")).toHaveCount(10);
  const secondPageIds = await results.locator("tbody tr td:first-child").allTextContents();
  expect(secondPageIds).not.toEqual(firstPageIds);

  // A bigger page keeps the first visible row's page: offset 10 with 25 rows is rows 1–25.
  await waitForHydration(page);
  await page.getByLabel("Rows per page").selectOption("25");
  await expect(page).toHaveURL(/[?&]limit=25(&|$)/);
  await expect(resultPager.getByRole("status")).toContainText("rows 1–25 of");
  await expect(results.locator("tbody tr")).toHaveCount(25);

  // The jobs table lists the job as succeeded.
  await mainNav.getByRole("link", { name: "Jobs" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${jobId}"]`) });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("succeeded", { exact: true })).toBeVisible();
  await expect(row.getByText("pagerank")).toBeVisible();
});
