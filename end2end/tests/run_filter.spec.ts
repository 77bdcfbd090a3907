import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn, waitForHydration } from "../helpers";

// The run form's filter control: a filtered algorithm's edge_filter, built from the form's
// parts (compare the label, predicate, value), restricts the path it finds. Checked against
// demo/movie's edges.csv: with only `friends` edges, David Cox reaches Albert Chen (a friend
// of a friend) in two hops, each a friends edge; with only `rate` edges (user → movie) he
// reaches no user at all.

const friends = new Set(
  readFileSync(join(__dirname, "..", "..", "demo", "movie", "edges.csv"), "utf8")
    .split("\n")
    .map((line) => line.split(","))
    .filter((cols) => cols[2] === "friends")
    .map((cols) => `${cols[0]}→${cols[1]}`),
);

async function runFilteredPath(page: Page, label: string): Promise<void> {
  await page.goto("/run");
  await waitForHydration(page);
  await page.getByLabel("Graph").selectOption("movie");
  await page.getByLabel("Algorithm").selectOption("filtered_shortest_path");
  const params = page.getByRole("group", { name: "Parameters" });
  await params.getByLabel("source").fill("David Cox");
  await params.getByLabel("target").fill("Albert Chen");
  await params.getByLabel("directed").check();
  const edgeFilter = params.getByRole("group", { name: "edge_filter (optional)" });
  await edgeFilter.getByLabel("Compare").selectOption("label_name");
  await edgeFilter.getByLabel("Predicate").selectOption("=");
  await edgeFilter.getByLabel("Values").fill(label);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  await expect(page.getByRole("status", { name: "Job state" })).toHaveText("succeeded", { timeout: 45_000 });
}

test("an edge_filter from the run form restricts the path to the edges it keeps", async ({ page }) => {
  await signIn(page);
  await runFilteredPath(page, "friends");
  const chain = page.getByRole("list", { name: /^Path: David Cox → / });
  const hops = await chain.getByRole("listitem").allTextContents();
  expect(hops).toHaveLength(3);
  expect(hops[0]).toBe("David Cox");
  expect(hops[2]).toBe("Albert Chen");
  for (let i = 0; i + 1 < hops.length; i++) {
    expect(friends.has(`${hops[i]}→${hops[i + 1]}`), `${hops[i]} → ${hops[i + 1]} is a friends edge`).toBe(true);
  }

  await runFilteredPath(page, "rate");
  await expect(page.getByRole("list", { name: /^Path:/ })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Result pages" }).getByRole("status")).toHaveText("no rows");
});
