// Console page-load timings in headless Chromium (driven by bench/console_load.sh).
// Every run is a cold navigation: a new browser context (empty HTTP and code cache) and a new
// page. Times are from navigation start (performance.timeOrigin) to
//   fcp        first contentful paint (paint timing),
//   row        the first row of the jobs table in the DOM (a MutationObserver from an init script),
//   hydrated   <body data-hydrated="true"> (set by the wasm once it has hydrated),
// plus the document's TTFB and response end, DOMContentLoaded, and the wasm's response end; and,
// without a browser, the server's time for the same server-rendered HTML (fetch, whole body).
// Targets are measured round-robin, so drifting machine load touches all of them alike.
// Env: BASE, TOKEN (project demo, 10,000 jobs), REF_TOKEN (the 1-job project), RUNS, OUT,
// EXPECT_TOTAL (jobs in project demo), CHROMIUM_PATH.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("playwright");

const env = (k, d) => process.env[k] ?? d ?? (() => { throw new Error(`${k} is not set`); })();
const BASE = env("BASE");
const RUNS = Number(env("RUNS", "15"));
const TOTAL = Number(env("EXPECT_TOTAL"));
const QUERY = env("SEARCH", "pagerank");

const targets = [
  { name: "/jobs, page 1 of 10,000 jobs", path: "/jobs", token: env("TOKEN"), rows: 20, total: TOTAL },
  { name: "/jobs?page=500 (deep page)", path: "/jobs?page=500", token: env("TOKEN"), rows: 20, total: TOTAL },
  { name: `/jobs?state=queued&q=${QUERY} (search over all)`, path: `/jobs?state=queued&q=${QUERY}`, token: env("TOKEN"), rows: 20, total: TOTAL - 1 },
  { name: "reference: /jobs of a 1-job project", path: "/jobs", token: env("REF_TOKEN"), rows: 1, total: 1 },
  { name: "reference: /signin (no data)", path: "/signin", token: null, rows: 0 },
  // The same document with JavaScript off: no wasm is fetched, compiled or run, so its first
  // paint is the server HTML's and the CSS's alone (what the wasm adds to first paint).
  { name: "reference: /jobs, page 1, JavaScript off", path: "/jobs", token: env("TOKEN"), rows: 20, total: TOTAL, noJs: true },
];

// Runs in every document before its own scripts: records when the first table row appears and
// when the hydration marker is set, on performance.now()'s clock (0 = navigation start).
function probe() {
  const t = { row: null, hydrated: null, rowAtDcl: null };
  window.__gjProbe = t;
  const check = () => {
    if (t.row === null && document.querySelector("table.jobs tbody tr")) t.row = performance.now();
    if (t.hydrated === null && document.body?.getAttribute("data-hydrated") === "true") t.hydrated = performance.now();
    if (t.row !== null && t.hydrated !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
  document.addEventListener("DOMContentLoaded", () => {
    check();
    t.rowAtDcl = !!document.querySelector("table.jobs tbody tr");
  });
}

async function measure(browser, target) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: !target.noJs });
  try {
    if (target.token) {
      await context.addCookies([{ name: "gj_session", value: target.token, url: BASE, httpOnly: true, sameSite: "Strict" }]);
    }
    await context.addInitScript(probe);
    const page = await context.newPage();
    const res = await page.goto(BASE + target.path, { waitUntil: "commit", timeout: 30_000 });
    if (res.status() !== 200) throw new Error(`${target.path}: HTTP ${res.status()}`);
    if (target.noJs) {
      // No probe and no hydration: wait for the paint entry alone (evaluate still runs).
      await page.waitForLoadState("load");
      for (let i = 0; i < 600; i++) {
        if (await page.evaluate(() => performance.getEntriesByName("first-contentful-paint").length > 0)) break;
        await page.waitForTimeout(50);
      }
    } else {
      await page.waitForFunction(
        () => window.__gjProbe?.hydrated != null && performance.getEntriesByName("first-contentful-paint").length > 0,
        null,
        { timeout: 30_000, polling: 50 },
      );
    }
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const wasmFiles = performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm"));
      const wasm = wasmFiles.find((r) => r.name.endsWith("/console.wasm"));
      const p = window.__gjProbe ?? { row: null, hydrated: null, rowAtDcl: null };
      return {
        url: location.pathname + location.search,
        fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
        row: p.row,
        hydrated: p.hydrated,
        rowAtDcl: p.rowAtDcl,
        ttfb: nav.responseStart,
        htmlEnd: nav.responseEnd,
        dcl: nav.domContentLoadedEventStart,
        htmlBytes: nav.encodedBodySize,
        wasmEnd: wasm ? wasm.responseEnd : null,
        // Bytes on the wire (compressed bodies) of every wasm file fetched before hydration.
        wasmBytes: wasmFiles.reduce((n, r) => n + r.encodedBodySize, 0),
        wasmCount: wasmFiles.length,
        rows: document.querySelectorAll("table.jobs tbody tr").length,
        position: (document.body.innerText.match(/Page \d+ of \d+ · \d+ (matching )?jobs/) ?? [null])[0],
      };
    });
    // The page must show what it claims to: the right URL, row count and total.
    if (m.url !== target.path) throw new Error(`${target.path}: ended on ${m.url}`);
    if (m.rows !== target.rows) throw new Error(`${target.path}: ${m.rows} rows, expected ${target.rows}`);
    if (target.rows && !m.position?.includes(`· ${target.total} `)) {
      throw new Error(`${target.path}: pager says ${m.position}, expected a total of ${target.total}`);
    }
    return m;
  } finally {
    await context.close();
  }
}

// The server alone: time to the whole server-rendered document over a kept-alive connection.
async function serverTime(target) {
  const headers = target.token ? { Cookie: `gj_session=${target.token}` } : {};
  const t0 = performance.now();
  const res = await fetch(BASE + target.path, { headers, redirect: "manual" });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200 || (target.rows && !body.includes(`· ${target.total} `))) {
    throw new Error(`${target.path}: server answered ${res.status} without the expected total`);
  }
  return ms;
}

const pct = (xs, p) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const KEYS = ["fcp", "row", "hydrated", "ttfb", "htmlEnd", "dcl", "wasmEnd"];

const browser = await chromium.launch({
  executablePath: env("CHROMIUM_PATH", "/usr/bin/chromium"),
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const samples = targets.map(() => []);
try {
  for (const t of targets) await measure(browser, t); // one warm-up each, not counted
  for (let run = 0; run < RUNS; run++) {
    for (const [i, t] of targets.entries()) samples[i].push(await measure(browser, t));
  }
} finally {
  await browser.close();
}
const server = targets.map(() => []);
for (const t of targets) await serverTime(t); // warm-up
for (let run = 0; run < RUNS; run++) {
  for (const [i, t] of targets.entries()) server[i].push(await serverTime(t));
}

const results = targets.map((t, i) => {
  const s = samples[i];
  const stats = Object.fromEntries(KEYS.map((k) => [k, { median: pct(s.map((x) => x[k]), 50), p90: pct(s.map((x) => x[k]), 90) }]));
  stats.server = { median: pct(server[i], 50), p90: pct(server[i], 90) };
  return { name: t.name, path: t.path, runs: s.length, rowAtDcl: s.filter((x) => x.rowAtDcl).length,
    htmlBytes: s[0].htmlBytes, wasmBytes: s[0].wasmBytes, wasmCount: s[0].wasmCount, position: s[0].position, stats, samples: s, serverMs: server[i] };
});
const f = (v) => (v == null ? "–" : v < 10 ? v.toFixed(1) : v.toFixed(0));
const cell = (st) => `${f(st.median)} / ${f(st.p90)}`;
console.log(`\nconsole page load, ${RUNS} cold navigations each, ms from navigation start, median / p90\n`);
console.log("| page | first contentful paint | first table row | hydrated | HTML TTFB | HTML end | wasm end | HTML bytes | wasm bytes (files) | row at DCL | server alone |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  const s = r.stats;
  console.log(`| ${r.name} | ${cell(s.fcp)} | ${cell(s.row)} | ${cell(s.hydrated)} | ${cell(s.ttfb)} | ${cell(s.htmlEnd)} | ${cell(s.wasmEnd)} | ${r.htmlBytes.toLocaleString("en")} | ${r.wasmBytes.toLocaleString("en")} (${r.wasmCount}) | ${r.path === "/signin" ? "–" : `${r.rowAtDcl}/${r.runs}`} | ${cell(s.server)} |`);
}
if (process.env.OUT) {
  writeFileSync(process.env.OUT, JSON.stringify({ base: BASE, runs: RUNS, expectTotal: TOTAL, results }, null, 1));
  console.log(`\nwritten: ${process.env.OUT}`);
}
