import { expect, type Locator, type Page, test } from "@playwright/test";
import { apiToken, signIn, submitAlgorithm, waitForJobStatus } from "../helpers";

/** What the explorer drew, as its canvas reports it (public/explore/explore.js). */
type Drawn = { id: string; hop: number; degree: number; shown: number; value: unknown; bucket: number; colour: string; r: number; x: number; y: number };
type Summary = { graph: string; vertices: number; edges: number; column: string; paths: string[][]; settledMs: number | null; selected: string | null; drawn: Drawn[] };

async function summary(canvas: Locator): Promise<Summary> {
  return JSON.parse((await canvas.getAttribute("data-summary")) ?? "null") as Summary;
}

/** Waits until the layout has settled and the summary says so. */
async function settled(canvas: Locator): Promise<Summary> {
  await expect(canvas).toHaveAttribute("data-state", "settled", { timeout: 30_000 });
  await expect.poll(async () => (await summary(canvas))?.settledMs ?? null, { timeout: 5_000 }).not.toBeNull();
  return summary(canvas);
}

/** Clicks the drawn vertex `id` where the canvas says it is. */
async function clickVertex(page: Page, canvas: Locator, id: string): Promise<void> {
  const v = (await summary(canvas)).drawn.find((d) => d.id === id)!;
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + v.x, box.y + v.y);
  await expect(page.locator("#explorer-selection h2")).toHaveText(id);
}

test("explorer: open a vertex from a PageRank result, colours follow the score, expand, follow a path", async ({ page, request }) => {
  const pr = await submitAlgorithm(request, "pagerank", { alpha: 0.85 });
  await waitForJobStatus(request, pr, "success");
  const res = await request.get(`/ges/v1.0/demo/graphs/movie/jobs/${pr}/status?offset=0&limit=5000`, {
    headers: { "X-Auth-Token": apiToken() },
  });
  const rows = (await res.json()).data.outputs.results as { id: string; pagerank: number }[];
  const score = new Map(rows.map((r) => [r.id, r.pagerank]));

  // The job page, highest score first: the top vertex's row opens it in the explorer.
  await signIn(page);
  await page.goto(`/jobs/${pr}?sort=pagerank`);
  const results = page.getByRole("table", { name: /Result rows/ });
  const top = (await results.locator("tbody tr td").first().textContent())!.trim();
  await results.getByRole("link", { name: `Explore ${top}`, exact: true }).click();
  await expect(page).toHaveURL(/\/explore\?graph=movie&vertex=/);
  const canvas = page.locator("canvas#explorer");
  let s = await settled(canvas);
  expect(s.column).toBe("pagerank");
  expect(s.drawn[0].id).toBe(top);

  // Colours follow the score: each drawn vertex carries its own score from the result, and a
  // higher score is never a lower colour step or a smaller disc.
  const valued = s.drawn.filter((d) => typeof d.value === "number");
  expect(valued.length).toBe(s.vertices);
  // (To 12 digits: the status API and the console each parse the stored row text, and
  // serde_json's fast float parsing may differ in the last bit.)
  for (const d of valued) expect(d.value as number).toBeCloseTo(score.get(d.id)!, 12);
  valued.sort((a, b) => (a.value as number) - (b.value as number));
  for (let i = 1; i < valued.length; i++) {
    expect(valued[i].bucket).toBeGreaterThanOrEqual(valued[i - 1].bucket);
    expect(valued[i].r).toBeGreaterThanOrEqual(valued[i - 1].r);
  }
  expect(valued[0].bucket).toBe(0);
  expect(valued[valued.length - 1].bucket).toBe(8);
  await expect(page.locator("#explorer-legend")).toContainText(`pagerank of job ${pr}`);

  // Zooming in with the wheel (about the canvas's centre) spreads the drawing, and the canvas
  // shows it: the vertices in view are drawn in their colours where the summary puts them
  // (public/explore/explore.js draws the cached image scaled, then paints the scene again once
  // the zoom has rested). Most, not all: a disc may lie over another's centre.
  const box = (await canvas.boundingBox())!;
  const spread = (d: Drawn[]) => Math.hypot(d[1].x - d[0].x, d[1].y - d[0].y);
  const wide = spread(s.drawn);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => spread((await summary(canvas)).drawn) / wide).toBeGreaterThan(1.5);
  const drawnInColour = async () =>
    page.evaluate((drawn) => {
      const c = document.getElementById("explorer") as HTMLCanvasElement, dpr = window.devicePixelRatio || 1;
      const ctx = c.getContext("2d")!, inView = drawn.filter((d) => d.x > 0 && d.y > 0 && d.x < c.width / dpr && d.y < c.height / dpr);
      const hex = (d: (typeof drawn)[number]) =>
        "#" + [...ctx.getImageData(Math.round(d.x * dpr), Math.round(d.y * dpr), 1, 1).data.slice(0, 3)].map((n) => n.toString(16).padStart(2, "0")).join("");
      return inView.filter((d) => hex(d) === d.colour).length / inView.length;
    }, (await summary(canvas)).drawn);
  await expect.poll(drawnInColour).toBeGreaterThan(0.8);

  // The top vertex shows 25 of its neighbours first; "load more" brings the next 25.
  const root = s.drawn[0];
  expect(root.degree).toBeGreaterThan(50);
  await clickVertex(page, canvas, top);
  const count = page.locator("#explorer-selection .explorer-count");
  await expect(count).toHaveText(`25 of ${root.degree} neighbours shown`);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(count).toHaveText(`50 of ${root.degree} neighbours shown`);
  s = await settled(canvas);
  expect(s.vertices).toBeGreaterThanOrEqual(51);

  // Expand a neighbour: its count first, then its own neighbours drawn.
  const neighbour = s.drawn.find((d) => d.hop === 1 && d.degree > d.shown)!;
  await clickVertex(page, canvas, neighbour.id);
  await expect(count).toHaveText(`${neighbour.shown} of ${neighbour.degree} neighbours shown`);
  const before = s.vertices;
  await page.getByRole("button", { name: "Expand" }).click();
  s = await settled(canvas);
  expect(s.vertices).toBeGreaterThan(before);
  const grown = s.drawn.find((d) => d.id === neighbour.id)!;
  expect(grown.shown).toBeGreaterThan(neighbour.shown);
  await expect(count).toHaveText(`${grown.shown} of ${neighbour.degree} neighbours shown`);

  // A shortest path from the top vertex to one only the neighbour reached opens as a graph.
  const ids = new Set((await summary(canvas)).drawn.map((d) => d.id));
  const far = s.drawn.slice(before).find((d) => ids.has(d.id))!;
  const sp = await submitAlgorithm(request, "shortest_path", { source: top, target: far.id });
  await waitForJobStatus(request, sp, "success");
  await page.goto(`/jobs/${sp}`);
  await page.getByRole("link", { name: "Open as graph" }).click();
  await expect(page).toHaveURL(new RegExp(`/explore\\?path=${sp}`));
  s = await settled(canvas);
  expect(s.paths).toHaveLength(1);
  const path = s.paths[0];
  expect([path[0], path[path.length - 1]]).toEqual([top, far.id]);
  expect(s.vertices).toBe(path.length);
  expect(s.edges).toBeGreaterThanOrEqual(path.length - 1);
  await expect(page.locator("#explorer-legend")).toContainText(path.join(" → "));
});
