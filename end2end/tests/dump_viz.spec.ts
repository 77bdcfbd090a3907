import { expect, test } from "@playwright/test";
import { expectJobState, signIn, submitAlgorithm, waitForHydration, waitForJobStatus } from "../helpers";

function s3(): { bucket: string; ak: string; sk: string } {
  const { S3_BUCKET: bucket, S3_AK: ak, S3_SK: sk } = process.env;
  if (!bucket || !ak || !sk) throw new Error("S3_* are not set: run the suite through scripts/system/e2e.sh");
  return { bucket, ak, sk };
}

test("pagerank → dump to S3 (inline validation, a wrong key fails) → visualization → histogram and top N", async ({
  page,
  request,
}) => {
  const { bucket, ak, sk } = s3();
  const id = await submitAlgorithm(request, "pagerank", { alpha: 0.84 });
  await waitForJobStatus(request, id, "success");
  await signIn(page);
  await page.goto(`/jobs/${id}`);
  await waitForHydration(page);

  // The path is checked against the OBS naming rules as it is typed.
  const path = page.getByLabel("Export path");
  const dump = page.getByRole("button", { name: "Dump result" });
  await path.fill("Bad_Bucket/pr/");
  await path.blur();
  await expect(page.locator("#dump-path-error")).toContainText("lower-case");
  await expect(path).toHaveAttribute("aria-invalid", "true");
  await expect(dump).toBeDisabled();

  // A wrong secret key: the dump job is created, then fails with the store's answer.
  await path.fill(`obs://${bucket}/e2e-wrong/`);
  await page.getByLabel("Access key").fill(ak);
  await page.getByLabel("Secret key").fill("not-the-secret-key");
  await expect(dump).toBeEnabled();
  await dump.click();
  const queued = page.getByRole("status").filter({ hasText: "queued" });
  await expect(queued).toBeVisible();
  await expect(page.getByLabel("Secret key")).toHaveValue("");
  const wrongHref = (await queued.getByRole("link").getAttribute("href"))!;

  // The right keys.
  await path.fill(`obs://${bucket}/e2e-pr/`);
  await page.getByLabel("Secret key").fill(sk);
  await dump.click();
  await expect(queued.getByRole("link")).not.toHaveAttribute("href", wrongHref);
  const goodHref = (await queued.getByRole("link").getAttribute("href"))!;

  await page.goto(wrongHref);
  await expectJobState(page, "failed");
  await expect(page.getByText("SignatureDoesNotMatch")).toBeVisible();
  await expect(page.getByText(sk)).toHaveCount(0);

  await page.goto(goodHref);
  await expectJobState(page, "succeeded");

  // A visualization job over the dump shows the metric's histogram and the top N.
  await page.goto("/visualizations/new");
  await waitForHydration(page);
  await page.getByLabel("Name").fill("e2e_pagerank");
  await page.getByLabel("train_url").fill(`obs://${bucket}/e2e-pr/`);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/visualizations\/\d+$/);
  await expect(page.getByRole("status", { name: "Visualization state" })).toHaveText("RUNNING", { timeout: 30_000 });
  await expect(page.getByRole("img", { name: /Histogram of pagerank over 4018 rows/ })).toBeVisible();
  const top = page.getByRole("table", { name: /Top 20 rows by pagerank/ });
  await expect(top.locator("tbody tr")).toHaveCount(20);
  // Highest first.
  const values = (await top.locator("tbody tr td:nth-child(3)").allTextContents()).map(Number);
  expect([...values].sort((a, b) => b - a)).toEqual(values);
  await page.screenshot({ path: "test-results/screenshots/visualization-metric.png", fullPage: true });
});
