import { expect, test } from "@playwright/test";
import { signIn, signInWithoutJs, submitAlgorithm, waitForHydration, waitForJobStatus } from "../helpers";

// "Run again" on an algorithm run opens the run form filled with the job's stored request
// (`/run?from=<id>`, app/src/pages/run/from_job.rs): edited and submitted, it is a new job.

test("Run again fills the run form from a finished PageRank; a changed parameter runs as a new job", async ({ page, request }) => {
  const id = await submitAlgorithm(request, "pagerank", { alpha: 0.8, max_iterations: 25 });
  await waitForJobStatus(request, id, "success");

  await signIn(page);
  await page.goto(`/jobs/${id}`);
  await waitForHydration(page);
  const again = page.getByRole("link", { name: "Run again" });
  await expect(again).toHaveAttribute("href", `/run?from=${id}`);
  await again.click();
  await expect(page).toHaveURL(`/run?from=${id}`);
  await waitForHydration(page);

  // Filled: the graph, the algorithm, its fieldset shown with the stored values.
  await expect(page.getByRole("note")).toContainText("Filled in from job");
  await expect(page.getByRole("note").getByRole("link")).toHaveAttribute("href", `/jobs/${id}`);
  await expect(page.getByLabel("Graph")).toHaveValue("movie");
  await expect(page.getByLabel("Algorithm")).toHaveValue("pagerank");
  const params = page.getByRole("group", { name: "Parameters" });
  await expect(params).toHaveCount(1);
  await expect(params.getByLabel("alpha")).toHaveValue("0.8");
  await expect(params.getByLabel("max_iterations")).toHaveValue("25");

  // Edited and submitted: a new job, with the changed parameter and the others kept.
  await params.getByLabel("alpha").fill("0.6");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  const newId = page.url().split("/jobs/")[1];
  expect(newId).not.toBe(id);
  await waitForHydration(page);
  await expect(page.getByRole("region", { name: "Request" })).toContainText('"alpha": 0.6');
  await expect(page.getByRole("region", { name: "Request" })).toContainText('"max_iterations": 25');
  await waitForJobStatus(request, newId, "success");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Run again is a link to the filled form", async ({ page, request }) => {
    const id = await submitAlgorithm(request, "pagerank", { alpha: 0.7 });
    await waitForJobStatus(request, id, "success");
    await signInWithoutJs(page);
    await page.goto(`/jobs/${id}`);
    await page.getByRole("link", { name: "Run again" }).click();
    await expect(page).toHaveURL(`/run?from=${id}`);
    await expect(page.getByLabel("Algorithm")).toHaveValue("pagerank");
    await expect(page.getByRole("group", { name: "Parameters" }).getByLabel("alpha")).toHaveValue("0.7");
  });
});
