import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { deleteGraph, reloadUntilJobState, signIn, signInWithoutJs, waitForHydration } from "../helpers";

/** A small graph as files on the test machine (not the server's): a schema, two vertex files
 *  and one edge file. 5 vertices, 4 edges. */
function localFiles(): { schema: string; vertices: string[]; edges: string } {
  const dir = mkdtempSync(join(tmpdir(), "gj-upload-"));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return {
    schema: write(
      "schema.xml",
      '<PMML version="3.0"><labels><label name="person"></label><label name="knows"></label></labels></PMML>',
    ),
    vertices: [write("people-1.csv", "ann,person\nbob,person\ncy,person\n"), write("people-2.csv", "dee,person\neve,person\n")],
    edges: write("knows.csv", "ann,bob,knows\nbob,cy,knows\ncy,dee,knows\ndee,eve,knows\n"),
  };
}

async function chooseFiles(page: Page, files: ReturnType<typeof localFiles>): Promise<void> {
  await page.getByLabel("Schema file").setInputFiles(files.schema);
  await page.getByLabel("Vertex files").setInputFiles(files.vertices);
  await page.getByLabel("Edge files").setInputFiles(files.edges);
}

/** Checks the graphs table's row of `name`: 5 vertices, 4 edges. */
async function expectImported(page: Page, name: string): Promise<void> {
  await page.goto("/graphs");
  const row = page
    .getByRole("table", { name: "Graphs" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row.getByRole("cell", { name: "5", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: "4", exact: true })).toBeVisible();
}

test("files chosen in the browser are uploaded and imported", async ({ page, request }) => {
  const files = localFiles();
  await signIn(page);
  await page.goto("/graphs/import");
  await waitForHydration(page);

  // A path and files for the same input: refused, nothing queued.
  await page.getByLabel("Graph name").fill("uploaded");
  await chooseFiles(page, files);
  await page.getByLabel("Edge path").fill("file:///somewhere/knows.csv");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Edge path: give a path or choose files, not both.");
  await expect(page).toHaveURL(/\/graphs\/import/);

  await page.getByLabel("Edge path").fill("");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  await expect(page.getByRole("status", { name: "Job state" })).toHaveText("succeeded", { timeout: 45_000 });
  await expectImported(page, "uploaded");
  await deleteGraph(request, "uploaded");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form uploads its files as a plain multipart post", async ({ page, request }) => {
    const files = localFiles();
    await signInWithoutJs(page);

    // A refusal comes back to the form with its message.
    await page.goto("/graphs/import");
    await page.getByLabel("Graph name").fill("uploaded_nojs");
    await chooseFiles(page, files);
    await page.getByLabel("Vertex path").fill("file:///etc/passwd");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page).toHaveURL(/\/graphs\/import/);
    await expect(page.getByRole("alert")).toContainText("Vertex path: give a path or choose files, not both.");

    await page.goto("/graphs/import");
    await page.getByLabel("Graph name").fill("uploaded_nojs");
    await chooseFiles(page, files);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
    await reloadUntilJobState(page, "succeeded");
    await expectImported(page, "uploaded_nojs");
    await deleteGraph(request, "uploaded_nojs");
  });
});
