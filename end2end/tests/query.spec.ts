import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../helpers";

// The query page: a plain form posted to the server (no island of its own), which queues the
// query as a job and sends the browser to the job's page, where the vertices or edges page
// with their properties as columns. Answers checked against demo/movie's CSV files.

async function openQueryForm(page: Page): Promise<void> {
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Query" }).click();
  await expect(page).toHaveURL(/\/query$/);
  await expect(page.getByRole("button", { name: "Run query" })).toBeVisible();
}

async function resultsOfSucceededJob(page: Page) {
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  await expect(page.getByRole("status", { name: "Job state" })).toHaveText("succeeded", { timeout: 45_000 });
  return page.getByRole("table", { name: /Result rows/ });
}

test("a vertex query by label and two property filters pages its users with properties as columns", async ({ page }) => {
  await openQueryForm(page);
  await page.getByLabel("Graph").selectOption("movie");

  // Neither a label nor a filter: refused, and the form comes back as it was typed.
  await page.getByLabel("Limit").first().fill("100");
  await page.getByRole("button", { name: "Run query" }).click();
  await expect(page.getByRole("alert")).toContainText("The query was refused");
  await expect(page.getByRole("alert")).toContainText("labels");
  await expect(page.getByLabel("Graph")).toHaveValue("movie");
  await expect(page.getByLabel("Limit").first()).toHaveValue("100");

  // demo/movie has 46 users who are F and 56+.
  await page.getByLabel("Labels").fill("user");
  await page.getByLabel("Property 1").fill("Gender");
  await page.getByLabel("Values 1").fill("F");
  await page.getByLabel("Property 2").fill("Age");
  await page.getByLabel("Values 2").fill("56+");
  await page.getByLabel("Sort by").selectOption("id");
  await page.getByRole("button", { name: "Run query" }).click();

  const results = await resultsOfSucceededJob(page);
  for (const column of ["id", "label", "Gender", "Age", "Occupation"]) {
    await expect(results.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  const pager = page.getByRole("navigation", { name: "Result pages" });
  await expect(pager.getByRole("status")).toContainText("rows 1–10 of 46");
  await expect(results.locator("tbody tr").first()).toContainText("Ada Wright");
  const headers = await results.getByRole("columnheader").allTextContents();
  const gender = headers.findIndex((h) => h.trim() === "Gender") + 1;
  const age = headers.findIndex((h) => h.trim() === "Age") + 1;
  expect(await results.locator(`tbody tr td:nth-child(${gender})`).allTextContents()).toEqual(Array(10).fill("F"));
  expect(await results.locator(`tbody tr td:nth-child(${age})`).allTextContents()).toEqual(Array(10).fill("56+"));
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(pager.getByRole("status")).toContainText("rows 11–20 of 46");
});

test("a vertex query whose second filter joins with or matches either", async ({ page }) => {
  await openQueryForm(page);
  await page.getByLabel("Graph").selectOption("movie");
  // demo/movie has 100 users of 56+ and 97 under 18.
  await page.getByLabel("Labels").fill("user");
  await page.getByLabel("Property 1").fill("Age");
  await page.getByLabel("Values 1").fill("56+");
  await page.getByLabel("Join 2").selectOption("or");
  await page.getByLabel("Property 2").fill("Age");
  await page.getByLabel("Values 2").fill("Under 18");
  await page.getByLabel("Limit").first().fill("1000");
  await page.getByRole("button", { name: "Run query" }).click();

  const results = await resultsOfSucceededJob(page);
  const pager = page.getByRole("navigation", { name: "Result pages" });
  await expect(pager.getByRole("status")).toContainText("rows 1–10 of 197");
  const headers = await results.getByRole("columnheader").allTextContents();
  const age = headers.findIndex((h) => h.trim() === "Age") + 1;
  const ages = await results.locator(`tbody tr td:nth-child(${age})`).allTextContents();
  expect(ages).toHaveLength(10);
  for (const a of ages) expect(["56+", "Under 18"]).toContain(a);
});

test("an edge query by a property range shows each edge's ends, label and properties", async ({ page }) => {
  await openQueryForm(page);
  await page.getByLabel("Graph").selectOption("movie");
  await page.getByLabel("Query").selectOption("edges");
  await page.getByLabel("Labels").fill("rate");
  await page.getByLabel("Property 1").fill("Score");
  await page.getByLabel("Predicate 1").selectOption("range");
  await page.getByLabel("Values 1").fill("5, 5");
  await page.getByLabel("Limit").first().fill("20");
  await page.getByRole("button", { name: "Run query" }).click();

  const results = await resultsOfSucceededJob(page);
  const headers = await results.getByRole("columnheader").allTextContents();
  // The edge's own keys first, then its properties by name.
  expect(headers.map((h) => h.trim())).toEqual(["source", "target", "label", "Datetime", "Score"]);
  await expect(page.getByRole("navigation", { name: "Result pages" }).getByRole("status")).toContainText("rows 1–10 of 20");
  const scores = await results.locator("tbody tr td:nth-child(5)").allTextContents();
  expect(scores).toEqual(Array(10).fill("5"));
  const labels = await results.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(labels).toEqual(Array(10).fill("rate"));
});

test("a path query walks one edge label from a start vertex", async ({ page }) => {
  await openQueryForm(page);
  await page.getByLabel("Graph").selectOption("movie");
  await page.getByLabel("Query").selectOption("path");
  await page.getByLabel("Start vertices").fill("David Cox");
  await page.getByLabel("Edge label").fill("friends");
  await page.getByLabel("Hops").fill("1");
  await page.getByRole("button", { name: "Run query" }).click();

  // David Cox's five friends in demo/movie's edges.csv.
  const results = await resultsOfSucceededJob(page);
  await expect(results.getByRole("columnheader", { name: "Name", exact: true })).toBeVisible();
  const ids = await results.locator("tbody tr td:first-child").allTextContents();
  expect(ids.sort()).toEqual(["Aria Sullivan", "Arthur Brooks", "Daniel Parker", "Fiona Collins", "Zach Morris"]);
});

test("a k-hop filtered query returns the vertices its last hop reaches", async ({ page }) => {
  await openQueryForm(page);
  await page.getByLabel("Graph").selectOption("movie");
  await page.getByLabel("Query").selectOption("khop");
  await page.getByLabel("Start vertices").fill("David Cox");
  await page.getByLabel("Edge label").fill("friends");
  await page.getByLabel("Hops").fill("2");
  await page.getByRole("button", { name: "Run query" }).click();

  // Friends of David Cox's friends in demo/movie's edges.csv: 17 users.
  await resultsOfSucceededJob(page);
  const pager = page.getByRole("navigation", { name: "Result pages" });
  await expect(pager.getByRole("status")).toContainText("rows 1–10 of 17");
});
