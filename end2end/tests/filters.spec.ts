import { expect, test } from "@playwright/test";
import { signIn, submitAlgorithm, waitForHydration, waitForJobStatus } from "../helpers";

test("filters survive reload via the URL", async ({ page, request }) => {
  // A succeeded pagerank job next to the demo's import job.
  const id = await submitAlgorithm(request, "pagerank", { alpha: 0.8 });
  await waitForJobStatus(request, id, "success");

  await signIn(page);
  await waitForHydration(page);
  const filters = page.getByRole("search", { name: "Job filters" });
  await filters.getByLabel("State").selectOption("succeeded");
  await filters.getByLabel("Type").selectOption("Algorithm");
  await filters.getByLabel("Graph").selectOption("movie");
  await filters.getByLabel("Search").fill("PAGErank");
  await filters.getByRole("button", { name: "Apply filters" }).click();

  await expect(page).toHaveURL(/[?&]state=succeeded(&|$)/);
  await expect(page).toHaveURL(/[?&]type=Algorithm(&|$)/);
  await expect(page).toHaveURL(/[?&]q=PAGErank(&|$)/);
  const table = page.getByRole("table", { name: /Jobs/ });
  const ourRow = table.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
  await expect(ourRow).toHaveCount(1);
  // Every listed job matches: succeeded pagerank runs only (the import job is filtered out).
  const rows = table.locator("tbody tr");
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(rows.nth(i).getByText("succeeded", { exact: true })).toBeVisible();
    await expect(rows.nth(i).getByText("pagerank")).toBeVisible();
  }
  await expect(table.getByText("ImportGraph")).toHaveCount(0);

  // A reload keeps the rows and shows the same filters in the form.
  await page.reload();
  await waitForHydration(page);
  await expect(ourRow).toHaveCount(1);
  await expect(rows).toHaveCount(count);
  await expect(filters.getByLabel("State")).toHaveValue("succeeded");
  await expect(filters.getByLabel("Type")).toHaveValue("Algorithm");
  await expect(filters.getByLabel("Graph")).toHaveValue("movie");
  await expect(filters.getByLabel("Search")).toHaveValue("PAGErank");
  await expect(page.getByRole("navigation", { name: "Jobs pages" }).getByRole("status")).toContainText(
    "matching jobs",
  );

  // A filter nothing matches says so, and "Clear filters" goes back to every job.
  await filters.getByLabel("State").selectOption("failed");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]state=failed(&|$)/);
  await expect(page.getByText("No jobs match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(table.getByText("ImportGraph").first()).toBeVisible();
});
