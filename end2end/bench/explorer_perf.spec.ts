// The graph explorer's figures (issue 24), written to docs/explorer_perf.json for README:
// time to a settled layout and frame times while panning, at 1k, 10k and 50k vertices, in this
// machine's headless Chromium (software rendering: --disable-gpu). A benchmark, not a test: it
// asserts no time. Also takes README's screenshot (docs/explorer.png): the demo graph around
// its highest PageRank vertex, coloured by score.
//
// Each size is a synthetic graph imported for the purpose: n vertices, a ring through them
// (so one walk reaches all) plus 4n random edges (seeded), 5n edges in all. The explorer opens
// vertex 0 with 6 hops and no cap, so it draws the whole graph.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { apiToken, dataDir, signIn, submitAlgorithm, waitForJobStatus } from "../helpers";

const SIZES = [1_000, 10_000, 50_000];
const OUT = path.join(__dirname, "../../docs/explorer_perf.json");
const SHOT = path.join(__dirname, "../../docs/explorer.png");

function writeGraph(n: number): string {
  const dir = path.join(dataDir(), `explorer-perf-${n}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "schema.xml"), `<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>`);
  fs.writeFileSync(path.join(dir, "v.csv"), Array.from({ length: n }, (_, i) => `${i},n`).join("\n") + "\n");
  // mulberry32: 32-bit integer arithmetic throughout (Math.imul), so no precision is lost.
  let seed = 42;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`${i},${(i + 1) % n},e`);
  for (let k = 0; k < 4 * n; k++) lines.push(`${Math.floor(rand() * n)},${Math.floor(rand() * n)},e`);
  fs.writeFileSync(path.join(dir, "e.csv"), lines.join("\n") + "\n");
  return dir;
}

/** The rAF deltas and draw times of `frames` frames, each panning 4 px, zooming 1% about the
 *  centre, or doing nothing (after a zoom: the frame that paints the scene again once it rests). */
async function panFrames(page: Page, frames: number, act: "pan" | "zoom" | "rest" = "pan"): Promise<{ deltas: number[]; draws: number[] }> {
  return page.evaluate(
    ([frames, act]) =>
      new Promise<{ deltas: number[]; draws: number[] }>((done) => {
        const ex = (window as unknown as {
          __explorer: { pan: (x: number, y: number) => void; zoom: (f: number, x: number, y: number) => void; view: { w: number; h: number }; perf: { lastDrawMs: number } };
        }).__explorer;
        const deltas: number[] = [], draws: number[] = [];
        let last = 0;
        const step = (t: number) => {
          if (last) { deltas.push(t - last); draws.push(ex.perf.lastDrawMs); }
          last = t;
          if (deltas.length >= frames) return done({ deltas, draws });
          if (act === "zoom") ex.zoom(1.01, ex.view.w / 2, ex.view.h / 2);
          else if (act === "pan") ex.pan(4, 2);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    [frames, act] as const,
  );
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1); };
const stats = (xs: number[]) => ({ median: pct(xs, 0.5), p95: pct(xs, 0.95), max: pct(xs, 1) });

test("explorer figures at 1k, 10k and 50k vertices, and README's screenshot", async ({ page, request }) => {
  const figures: Record<string, unknown>[] = [];
  await signIn(page);
  await page.setViewportSize({ width: 1400, height: 900 });

  // The screenshot: the demo graph around its top PageRank vertex.
  const pr = await submitAlgorithm(request, "pagerank", { alpha: 0.85 });
  await waitForJobStatus(request, pr, "success");
  await page.goto(`/jobs/${pr}?sort=pagerank`);
  const top = (await page.getByRole("table", { name: /Result rows/ }).locator("tbody tr td").first().textContent())!.trim();
  await page.goto(`/explore?graph=movie&vertex=${encodeURIComponent(top)}&job=${pr}&hops=2&cap=12`);
  await expect(page.locator("canvas#explorer")).toHaveAttribute("data-state", "settled", { timeout: 60_000 });
  fs.mkdirSync(path.dirname(SHOT), { recursive: true });
  await page.waitForTimeout(500);
  await page.locator("main").screenshot({ path: SHOT });

  for (const n of SIZES) {
    const dir = writeGraph(n);
    const graph = `perf${n}`;
    const res = await request.post(`/ges/v1.0/demo/graphs/${graph}/action?action_id=import-graph`, {
      headers: { "X-Auth-Token": apiToken() },
      data: { schemaPath: `file://${dir}/schema.xml`, vertexsetPath: `file://${dir}/v.csv`, edgesetPath: `file://${dir}/e.csv` },
    });
    expect(res.status(), await res.text()).toBe(200);
    const job = (await res.json()).jobId as string;
    await expect
      .poll(async () => {
        const r = await request.get(`/ges/v1.0/demo/graphs/${graph}/jobs/${job}/status`, { headers: { "X-Auth-Token": apiToken() } });
        return (await r.json()).status;
      }, { timeout: 300_000 })
      .toBe("success");

    const opened = Date.now();
    await page.goto(`/explore?graph=${graph}&vertex=0&hops=6&cap=50000`);
    const canvas = page.locator("canvas#explorer");
    await expect(canvas).toHaveAttribute("data-state", /laying-out|settled/, { timeout: 120_000 });
    const drawnAt = Date.now() - opened;
    // Panning while the layout still runs in the worker.
    const during = await panFrames(page, 60);
    await expect(canvas).toHaveAttribute("data-state", /settled/, { timeout: 600_000 });
    const wall = Date.now() - opened;
    const info = await page.evaluate(() => {
      const ex = (window as unknown as { __explorer: { settledMs: number; g: { nodes: unknown[]; edges: unknown[] } } }).__explorer;
      return { settledMs: ex.settledMs, vertices: ex.g.nodes.length, edges: ex.g.edges.length };
    });
    const after = await panFrames(page, 120);
    const zoomed = await panFrames(page, 30, "zoom");
    // 30 frames (0.5 s at 60 a second) cover the 200 ms the zoom rests before the repaint.
    const rested = await panFrames(page, 30, "rest");
    const row = {
      vertices: info.vertices,
      edges: info.edges,
      first_drawing_ms: drawnAt,
      layout_settled_ms: Math.round(info.settledMs),
      open_to_settled_ms: wall,
      pan_settled_frame_ms: stats(after.deltas),
      pan_settled_draw_ms: stats(after.draws),
      zoom_settled_frame_ms: stats(zoomed.deltas),
      zoom_settled_draw_ms: stats(zoomed.draws),
      zoom_rest_frame_ms: stats(rested.deltas),
      zoom_rest_draw_ms: stats(rested.draws),
      pan_during_layout_frame_ms: stats(during.deltas),
    };
    console.log(JSON.stringify(row));
    figures.push(row);
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify({ measured: new Date().toISOString(), browser: "headless chromium --disable-gpu", figures }, null, 2) + "\n");
});
