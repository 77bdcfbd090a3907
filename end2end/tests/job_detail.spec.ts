import * as fs from "node:fs";
import * as path from "node:path";
import { expect, test } from "@playwright/test";
import { apiToken, dataDir, signIn, submitAlgorithm, waitForHydration, waitForJobStatus } from "../helpers";

test("an import's rejected rows are listed and paged, as text", async ({ page, request }) => {
  const graph = `rejects-${Date.now()}`;
  const dir = path.join(dataDir(), graph);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "schema.xml"), `<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>`);
  // 25 rows with a label the schema lacks (one of them markup), between good ones.
  const lines = ["a,n"];
  for (let i = 1; i <= 25; i++) lines.push(i === 3 ? "<b>bold</b>,nolabel" : `bad${i},nolabel`);
  lines.push("b,n");
  fs.writeFileSync(path.join(dir, "v.csv"), lines.join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "e.csv"), "a,b,e\n");
  const res = await request.post(`/ges/v1.0/demo/graphs/${graph}/action?action_id=import-graph`, {
    headers: { "X-Auth-Token": apiToken() },
    data: { schemaPath: `file://${dir}/schema.xml`, vertexsetPath: `file://${dir}/v.csv`, edgesetPath: `file://${dir}/e.csv` },
  });
  expect(res.status(), await res.text()).toBe(200);
  const id = (await res.json()).jobId as string;

  await signIn(page);
  await page.goto(`/jobs/${id}`);
  await expect(page.getByRole("status", { name: "Job state" })).toHaveText("succeeded", { timeout: 30_000 });
  await waitForHydration(page);
  const rejected = page.getByRole("table", { name: "Rejected rows" });
  await expect(rejected.locator("tbody tr")).toHaveCount(20);
  const pager = page.getByRole("navigation", { name: "Rejected rows pages" });
  await expect(pager.getByRole("status")).toHaveText("rows 1–20 of 25");
  // Line 4 of v.csv is the markup row: shown as its text, not as a <b> element.
  const markup = rejected.locator("tbody tr").nth(2);
  await expect(markup.locator("td").nth(1)).toHaveText("4");
  await expect(markup.locator("td").nth(3)).toHaveText("<b>bold</b>,nolabel");
  await expect(rejected.locator("b")).toHaveCount(0);
  await expect(markup.locator("td").nth(2)).not.toBeEmpty();

  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]rejected=20(&|$)/);
  await expect(pager.getByRole("status")).toHaveText("rows 21–25 of 25");
  await expect(rejected.locator("tbody tr")).toHaveCount(5);
  await expect(rejected.locator("tbody tr").last().locator("td").nth(1)).toHaveText("26");
  await page.screenshot({ path: test.info().outputPath("rejected-rows.png"), fullPage: true });
});

test("a path result is drawn as a chain, and the job's life as a timeline", async ({ page, request }) => {
  const id = await submitAlgorithm(request, "shortest_path", { source: "Ben Reed", target: "The Velvet Runner" });
  await waitForJobStatus(request, id, "success");
  await signIn(page);
  await page.goto(`/jobs/${id}`);
  await waitForHydration(page);
  const chain = page.getByRole("list", { name: "Path: Ben Reed → The Velvet Runner" });
  await expect(chain.getByRole("listitem")).toHaveText(["Ben Reed", "The Velvet Runner"]);
  await expect(page.getByText("1 hop", { exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Timeline: queued .+, running .+, then succeeded$/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("path-and-timeline.png"), fullPage: true });
});
