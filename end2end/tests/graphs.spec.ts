import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { apiToken, deleteGraph, reloadUntilJobState, signIn, signInWithoutJs, waitForHydration } from "../helpers";

/** The demo import's file paths. `--demo` writes the files into `<data dir>/demo/movie/`, an
 *  allowed import root, and imports them with a job whose request records the absolute paths;
 *  `E2E_DEMO_DIR` (a directory holding schema.xml, vertices.csv and edges.csv below an allowed
 *  root) overrides that. */
async function demoPaths(request: APIRequestContext): Promise<{ schema: string; vertices: string; edges: string }> {
  const dir = process.env.E2E_DEMO_DIR;
  if (dir) {
    const base = `file://${dir.replace(/\/$/, "")}`;
    return { schema: `${base}/schema.xml`, vertices: `${base}/vertices.csv`, edges: `${base}/edges.csv` };
  }
  const res = await request.get("/ges/v1.0/demo/graphs/movie/jobs/status?offset=0&limit=100", {
    headers: { "X-Auth-Token": apiToken() },
  });
  expect(res.status(), await res.text()).toBe(200);
  const jobs = (await res.json()).jobs as { taskType: string; rawRequest: string }[];
  const imports = jobs.filter((j) => j.taskType === "ImportGraph");
  // The demo import is the oldest (the list is newest first).
  const body = JSON.parse(imports[imports.length - 1].rawRequest);
  return { schema: body.schemaPath, vertices: body.vertexsetPath, edges: body.edgesetPath };
}

/** The row of graph `name` in the graphs table. */
function graphRow(page: Page, name: string) {
  return page
    .getByRole("table", { name: "Graphs" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Waits on the job page for the job to reach `state`. */
async function expectJobState(page: Page, state: string): Promise<void> {
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  await expect(page.getByRole("status", { name: "Job state" })).toHaveText(state, { timeout: 45_000 });
}

test("graphs list, detail, import through the form, clear and delete, overview", async ({ page, request }) => {
  const paths = await demoPaths(request);
  await signIn(page);
  await waitForHydration(page);
  const mainNav = page.getByRole("navigation", { name: "Main" });

  // The list: movie with its sizes.
  await mainNav.getByRole("link", { name: "Graphs" }).click();
  await expect(page).toHaveURL(/\/graphs$/);
  const movie = graphRow(page, "movie");
  await expect(movie).toHaveCount(1);
  await expect(movie.getByRole("cell", { name: "4018", exact: true })).toBeVisible();
  await expect(movie.getByRole("cell", { name: "36803", exact: true })).toBeVisible();

  // The detail: every label with its vertex count; the counts add up to the graph's size.
  await movie.getByRole("link", { name: "movie", exact: true }).click();
  await expect(page).toHaveURL(/\/graphs\/movie$/);
  const labels = page.getByRole("table", { name: "Vertices and edges per label" });
  for (const label of ["user", "movie", "actor", "director", "genre"]) {
    await expect(labels.getByRole("rowheader", { name: label, exact: true })).toBeVisible();
  }
  const vertexCells = await labels.locator("tbody tr td:nth-child(2)").allTextContents();
  expect(vertexCells.map(Number).reduce((a, b) => a + b, 0)).toBe(4018);
  await expect(labels.locator("tbody tr").filter({ hasText: "user" }).first()).toContainText("2000");
  await expect(page.getByRole("table", { name: "Properties of movie" }).getByRole("row", { name: /Genres/ })).toContainText(
    "list",
  );
  await expect(page.getByRole("link", { name: /All jobs of this graph/ })).toHaveAttribute("href", "/jobs?graph=movie");

  // A bad graph name is refused before anything is queued.
  await page.goto("/graphs/import");
  await waitForHydration(page);
  await page.getByLabel("Graph name").fill("9lives");
  await expect(page.getByText("Graph name: must start with a letter.")).toBeVisible();

  // Import the demo files again as movie_copy through the form; the job page shows it succeed.
  await page.getByLabel("Graph name").fill("movie_copy");
  await page.getByLabel("Schema path").fill(paths.schema);
  await page.getByLabel("Vertex path").fill(paths.vertices);
  await page.getByLabel("Edge path").fill(paths.edges);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expectJobState(page, "succeeded");

  await mainNav.getByRole("link", { name: "Graphs" }).click();
  const copy = graphRow(page, "movie_copy");
  await expect(copy.getByRole("cell", { name: "4018", exact: true })).toBeVisible();
  await expect(copy.getByRole("cell", { name: "36803", exact: true })).toBeVisible();

  // A path outside the allowed roots is refused with its GES code.
  await page.goto("/graphs/import");
  await waitForHydration(page);
  await page.getByLabel("Graph name").fill("movie_copy");
  await page.getByLabel("Vertex path").fill("file:///etc/passwd");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("GES.8000");
  await expect(page.getByRole("alert")).toContainText("outside the allowed import roots");

  // Clear, confirmed by name: the schema stays, the counts drop to zero.
  await page.goto("/graphs/movie_copy");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Clear data" }).click();
  await expect(page.getByRole("group", { name: /Remove every vertex and edge of graph movie_copy/ })).toBeVisible();
  await page.getByRole("button", { name: "Yes, clear movie_copy" }).click();
  await expectJobState(page, "succeeded");
  await page.goto("/graphs/movie_copy");
  await waitForHydration(page);
  const facts = page.getByRole("region", { name: "Facts" });
  await expect(facts.getByRole("definition").first()).toHaveText("0");
  await expect(page.getByRole("table", { name: "Vertices and edges per label" })).toContainText("user");

  // Delete: "Keep it" backs out, then the confirmed delete removes the graph from the list.
  await page.getByRole("button", { name: "Delete graph" }).click();
  await page.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByRole("button", { name: "Delete graph" })).toBeVisible();
  await page.getByRole("button", { name: "Delete graph" }).click();
  await expect(page.getByRole("group", { name: "Delete graph movie_copy and all its data?" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete movie_copy" }).click();
  await expectJobState(page, "succeeded");
  await mainNav.getByRole("link", { name: "Graphs" }).click();
  await expect(graphRow(page, "movie")).toHaveCount(1);
  await expect(graphRow(page, "movie_copy")).toHaveCount(0);

  // The overview: counts per state linking to the filtered jobs table, and the graphs.
  await mainNav.getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/overview$/);
  const succeeded = page.getByRole("link", { name: /^\d+ succeeded$/ });
  await expect(succeeded).toHaveAttribute("href", "/jobs?state=succeeded");
  // At least the demo import, the copy's import, its clear and its delete.
  const count = Number((await succeeded.getAttribute("aria-label"))!.split(" ")[0]);
  expect(count).toBeGreaterThanOrEqual(4);
  await expect(page.getByRole("link", { name: /^\d+ failed$/ })).toHaveAttribute("href", "/jobs?state=failed");
  const sizes = page.getByRole("table", { name: "Graph sizes" });
  await expect(sizes.getByRole("row").filter({ hasText: "movie" })).toContainText("4018");
  await succeeded.click();
  await expect(page).toHaveURL(/\/jobs\?state=succeeded$/);
});

test("a graph imported with Partitions is marked with its part count in the list", async ({ page, request }) => {
  const paths = await demoPaths(request);
  await signIn(page);
  await page.goto("/graphs/import");
  await waitForHydration(page);
  await page.getByLabel("Graph name").fill("movie_parts");
  await page.getByLabel("Schema path").fill(paths.schema);
  await page.getByLabel("Vertex path").fill(paths.vertices);
  await page.getByLabel("Edge path").fill(paths.edges);
  await page.getByLabel("Partitions").fill("2");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expectJobState(page, "succeeded");

  await page.goto("/graphs");
  const parts = graphRow(page, "movie_parts");
  await expect(parts.getByText("2 parts", { exact: true })).toBeVisible();
  await expect(parts.getByRole("cell", { name: "36803", exact: true })).toBeVisible();
  await expect(graphRow(page, "movie").getByText(/\d+ parts/)).toHaveCount(0);
  // The management API's list says it too (`partitions`, a graphjobs extension field).
  const res = await request.get("/v2/demo/graphs", { headers: { "X-Auth-Token": apiToken() } });
  const graphs = (await res.json()).graphs as { name: string; partitions?: number }[];
  expect(graphs.find((g) => g.name === "movie_parts")?.partitions).toBe(2);
  expect(graphs.find((g) => g.name === "movie")?.partitions).toBeUndefined();
  await deleteGraph(request, "movie_parts");
});

// Progressive enhancement: the import form is an <ActionForm>. A refusal comes back to the
// form with its code; a valid import is redirected to the new job's page.
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the import form refuses, then queues an import", async ({ page, request }) => {
    const paths = await demoPaths(request);
    await signInWithoutJs(page);

    await page.goto("/graphs/import");
    await page.getByLabel("Graph name").fill("nojs_copy");
    await page.getByLabel("Vertex path").fill("file:///etc/passwd");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page).toHaveURL(/\/graphs\/import/);
    await expect(page.getByRole("alert")).toContainText("GES.8000");

    await page.getByLabel("Graph name").fill("nojs_copy");
    await page.getByLabel("Schema path").fill(paths.schema);
    await page.getByLabel("Vertex path").fill(paths.vertices);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
    // No live refresh without JavaScript: reload until the import has finished.
    await reloadUntilJobState(page, "succeeded");

    await deleteGraph(request, "nojs_copy");
  });
});
