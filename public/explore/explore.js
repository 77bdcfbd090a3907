// The graph explorer (issue 24): the neighbourhood of a vertex, or a path result, drawn on one
// canvas (no DOM node per vertex), laid out by a web worker (./layout.js), coloured and sized
// by a job's result column. Loaded only by /explore (app/src/pages/explore.rs says why it is
// a script and not an island); it reads through the page's server functions:
//   /rpc/explore_neighbourhood  graph, vertex, hops, cap, skip → {graph, vertices, edges, …}
//   /rpc/explore_column         job, column, ids (one per line) → {column, values: [[id, v]]}
//   /rpc/explore_path           job → the path result as a subgraph
// What is drawn is summarised on the canvas for tests and benchmarks: data-state (loading,
// laying-out, settled, error) and data-summary (counts, the column, and for the first 300
// vertices their value, colour bucket, radius and position on screen).
"use strict";

const canvas = document.getElementById("explorer");
const cfg = canvas.dataset;
const ctx = canvas.getContext("2d");
const $ = (id) => document.getElementById(id);
const statusLine = $("explorer-status"), legend = $("explorer-legend");
const selection = $("explorer-selection"), tip = $("explorer-tip");
const CAP = Math.max(1, parseInt(cfg.cap, 10) || 25);
// Nine steps from dark blue (low) to yellow (high), viridis-like; grey for no value.
const RAMP = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"];
const CATEGORIES = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const NONE = "#9aa0a6";

const g = { graph: cfg.graph, nodes: [], index: new Map(), edges: [], edgeKeys: new Set(), adj: [], paths: [], column: "", categorical: false };
const view = { scale: 1, tx: 0, ty: 0, w: 0, h: 0 };
let fitted = false, selected = -1, hovered = -1, dirty = true, worker = null, settledMs = null, layoutTicks = 0;
const perf = { draws: 0, lastDrawMs: 0 };
window.__explorer = { g, view, perf, get settledMs() { return settledMs; }, pan, zoom };

async function rpc(name, params) {
  const res = await fetch("/rpc/" + name, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(text.replace(/^"|"$/g, "") || res.statusText);
  return JSON.parse(text);
}

// Adds an answer's vertices and edges; new vertices start around `near` (or the centre).
function merge(answer, near) {
  const fresh = [];
  for (const v of answer.vertices) {
    let i = g.index.get(v.id);
    if (i === undefined) {
      i = g.nodes.length;
      const c = near >= 0 ? g.nodes[near] : { x: 0, y: 0 };
      const a = Math.random() * 2 * Math.PI, r = 20 + 30 * Math.sqrt(fresh.length + 1);
      g.nodes.push({ id: v.id, label: v.label, props: v.properties, hop: v.hop, degree: v.degree, loaded: 0,
        x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a), pinned: false, value: undefined, bucket: -1, colour: NONE, r: 5 });
      g.adj.push(new Set());
      g.index.set(v.id, i);
      fresh.push(i);
    }
  }
  for (const e of answer.edges) {
    const s = g.index.get(e.source), t = g.index.get(e.target);
    const key = e.source + "\u0000" + e.target + "\u0000" + e.label;
    if (s === undefined || t === undefined || g.edgeKeys.has(key)) continue;
    g.edgeKeys.add(key);
    g.edges.push({ s, t, label: e.label, props: e.properties });
    if (s !== t) { g.adj[s].add(t); g.adj[t].add(s); }
  }
  return fresh;
}

function startLayout(alpha) {
  if (!worker) {
    worker = new Worker("/explore/layout.js");
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.type === "tick" || m.type === "settled") {
        if (m.x) for (let i = 0; i < m.x.length && i < g.nodes.length; i++) { g.nodes[i].x = m.x[i]; g.nodes[i].y = m.y[i]; }
        if (m.type === "settled") {
          settledMs = m.ms; layoutTicks = m.ticks;
          canvas.dataset.state = "settled";
          status();
          if (!fitted) { fitted = true; fit(); }
          summarise();
        }
        cache = null; dirty = true;
      }
    };
  }
  const n = g.nodes.length;
  const x = new Float64Array(n), y = new Float64Array(n), fixed = new Uint8Array(n);
  g.nodes.forEach((v, i) => { x[i] = v.x; y[i] = v.y; fixed[i] = v.pinned ? 1 : 0; });
  const src = new Int32Array(g.edges.length), dst = new Int32Array(g.edges.length);
  g.edges.forEach((e, k) => { src[k] = e.s; dst[k] = e.t; });
  settledMs = null;
  canvas.dataset.state = "laying-out";
  worker.postMessage({ type: "init", n, x, y, fixed, src, dst, alpha }, [x.buffer, y.buffer, fixed.buffer, src.buffer, dst.buffer]);
  status();
  summarise();
}

// Colours and sizes by the job's column: numbers by their rank among the drawn values (a
// PageRank score is skewed; ranks spread the ramp), so a higher value is never a lower step;
// a community or component id by category.
async function colour() {
  if (!cfg.job) { byHop(); return; }
  const need = g.nodes.filter((v) => v.value === undefined).map((v) => v.id);
  if (need.length) {
    const ans = await rpc("explore_column", { job: cfg.job, column: cfg.column || "", ids: need.join("\n") });
    g.column = ans.column;
    const got = new Map(ans.values);
    for (const id of need) g.nodes[g.index.get(id)].value = got.has(id) ? got.get(id) : null;
  }
  const numeric = g.nodes.filter((v) => typeof v.value === "number");
  g.categorical = /communit|component|cluster|label/i.test(g.column) && numeric.every((v) => Number.isInteger(v.value));
  if (g.categorical) {
    for (const v of g.nodes) { v.bucket = v.value == null ? -1 : hash(String(v.value)) % CATEGORIES.length; v.colour = v.bucket < 0 ? NONE : CATEGORIES[v.bucket]; v.r = 5; }
  } else {
    numeric.sort((a, b) => a.value - b.value);
    const distinct = [...new Set(numeric.map((v) => v.value))];
    const rank = new Map(distinct.map((x, i) => [x, distinct.length > 1 ? i / (distinct.length - 1) : 1]));
    for (const v of g.nodes) {
      if (typeof v.value !== "number") { v.bucket = -1; v.colour = NONE; v.r = 4; continue; }
      const t = rank.get(v.value);
      v.bucket = Math.min(RAMP.length - 1, Math.floor(t * RAMP.length));
      v.colour = RAMP[v.bucket]; v.r = 3 + 7 * t;
    }
  }
  legendFor();
  cache = null; dirty = true;
}

function byHop() {
  for (const v of g.nodes) { v.bucket = Math.min(v.hop, CATEGORIES.length - 1); v.colour = CATEGORIES[v.bucket]; v.r = v.hop === 0 ? 8 : 5; }
  legend.textContent = g.paths.length ? "Colour: position along the path." : "Colour: hops from the vertex.";
}

function hash(s) { let h = 0; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0; return h; }

function legendFor() {
  const numbers = g.nodes.map((v) => v.value).filter((x) => typeof x === "number");
  const lo = numbers.length ? Math.min(...numbers) : null, hi = numbers.length ? Math.max(...numbers) : null;
  legend.innerHTML = "";
  const p = document.createElement("p");
  p.textContent = g.categorical
    ? `Colour: ${g.column} of job ${cfg.job} (one colour per value).`
    : `Colour and size: ${g.column} of job ${cfg.job}, by rank among the drawn vertices` +
      (lo === null ? "." : ` (${fmt(lo)} dark … ${fmt(hi)} yellow; grey: no value).`);
  legend.append(p);
  if (!g.categorical) {
    const bar = document.createElement("div");
    bar.className = "explorer-ramp";
    bar.style.background = `linear-gradient(to right, ${RAMP.join(",")})`;
    legend.append(bar);
  }
}

function fmt(x) { return typeof x === "number" ? (Number.isInteger(x) ? String(x) : x.toPrecision(4)) : String(x); }

function status(text) {
  if (text) { statusLine.textContent = text; return; }
  const layout = settledMs == null ? "laying out…" : `layout settled in ${Math.round(settledMs)} ms (${layoutTicks} steps)`;
  statusLine.textContent = `Graph ${g.graph}: ${g.nodes.length} vertices, ${g.edges.length} edges drawn; ${layout}`;
}

// ---- drawing -------------------------------------------------------------------------------

function resize() {
  const dpr = window.devicePixelRatio || 1, r = canvas.getBoundingClientRect();
  view.w = r.width; view.h = r.height;
  canvas.width = Math.round(r.width * dpr); canvas.height = Math.round(r.height * dpr);
  cache = null; dirty = true;
}

function fit() {
  if (!g.nodes.length) return;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const v of g.nodes) { x0 = Math.min(x0, v.x); y0 = Math.min(y0, v.y); x1 = Math.max(x1, v.x); y1 = Math.max(y1, v.y); }
  const s = Math.min(view.w / (x1 - x0 + 40), view.h / (y1 - y0 + 40), 3);
  view.scale = s; view.tx = view.w / 2 - s * (x0 + x1) / 2; view.ty = view.h / 2 - s * (y0 + y1) / 2;
  dirty = true;
}

// Panning a settled drawing copies one image: the scene is painted once into an offscreen
// canvas twice the view's size, and each frame shifts it (the cost no longer grows with the
// graph: painting 250k edges is mostly rasterising them, which software rendering does slowly).
// Zooming scales that image while it still covers the view (at most twice its scale) and paints
// the scene again once the zoom has rested 200 ms; a zoom beyond it paints the view alone each
// frame. The image is painted again when the view leaves it, or anything moves, is added or
// changes colour (`cache = null`). While the layout runs, every frame paints the scene.
let cache = null, zooming = false, zoomRest = 0;
function draw() {
  const t0 = performance.now();
  const dpr = window.devicePixelRatio || 1, s = view.scale, mx = view.w / 2, my = view.h / 2;
  if (settledMs == null) {
    cache = null;
    paint(ctx, dpr, view.tx, view.ty, view.w, view.h);
  } else if (zooming) {
    if (!drawScaled(dpr, mx, my)) paint(ctx, dpr, view.tx, view.ty, view.w, view.h);
  } else {
    if (!cache || cache.scale !== s || Math.abs(view.tx - cache.tx) > mx || Math.abs(view.ty - cache.ty) > my) {
      const c = cache?.canvas ?? document.createElement("canvas");
      c.width = Math.round(2 * view.w * dpr); c.height = Math.round(2 * view.h * dpr);
      paint(c.getContext("2d"), dpr, view.tx + mx, view.ty + my, 2 * view.w, 2 * view.h);
      cache = { canvas: c, scale: s, tx: view.tx, ty: view.ty };
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(cache.canvas, Math.round((view.tx - cache.tx - mx) * dpr), Math.round((view.ty - cache.ty - my) * dpr));
  }
  // The hovered and selected vertices' rings, over the scene.
  ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * view.tx, dpr * view.ty);
  ctx.lineWidth = 2 / s; ctx.strokeStyle = getComputedStyle(canvas).color;
  for (const i of [selected, hovered]) {
    if (i < 0 || i >= g.nodes.length) continue;
    const v = g.nodes[i];
    ctx.beginPath(); ctx.arc(v.x, v.y, v.r + 3 / s, 0, 2 * Math.PI); ctx.stroke();
  }
  perf.draws++; perf.lastDrawMs = performance.now() - t0;
}

// The image zoomed by r, its scale since it was painted (its pixel P lands on the screen's
// P·r + d); false when that would leave part of the view empty or blur it beyond twice.
function drawScaled(dpr, mx, my) {
  if (!cache) return false;
  const r = view.scale / cache.scale, w = r * cache.canvas.width, h = r * cache.canvas.height;
  const dx = dpr * (view.tx - r * (cache.tx + mx)), dy = dpr * (view.ty - r * (cache.ty + my));
  if (r > 2 || dx > 0 || dy > 0 || dx + w < canvas.width || dy + h < canvas.height) return false;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(cache.canvas, dx, dy, w, h);
  return true;
}

// The scene (edges, arrowheads, vertices, pins, names) on `c`, a w × h area whose origin is
// at (tx, ty) in world-to-screen terms.
function paint(c, dpr, tx, ty, w, h) {
  const s = view.scale;
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
  c.clearRect(0, 0, w, h);
  const N = g.nodes;
  // Edges in device pixels, one path, those wholly outside the area skipped. A line at most one
  // device pixel wide is a hairline to Skia (Chromium's 2D canvas), drawn segment by segment;
  // any wider — even 1.0000001, which lineWidth 1/s under a scale s can round to in float32 —
  // and it strokes the whole path as one polygon, which at 250k crossing edges took software
  // rasterising 12 s and more a frame. Opaque: blending a translucent stroke costs more too.
  const k = dpr * s, ox = dpr * tx, oy = dpr * ty, W = dpr * w, H = dpr * h;
  c.setTransform(1, 0, 0, 1, 0, 0);
  c.beginPath();
  for (const e of g.edges) {
    const a = N[e.s], b = N[e.t], ax = a.x * k + ox, ay = a.y * k + oy, bx = b.x * k + ox, by = b.y * k + oy;
    if ((ax < 0 && bx < 0) || (ax > W && bx > W) || (ay < 0 && by < 0) || (ay > H && by > H)) continue;
    c.moveTo(ax, ay); c.lineTo(bx, by);
  }
  c.strokeStyle = g.paths.length ? "#d62728" : "#c3c6ce";
  c.lineWidth = g.paths.length ? 2.5 * dpr : 1;
  c.stroke();
  c.setTransform(k, 0, 0, k, ox, oy);
  // Arrowheads (direction) in a second path while few enough to read.
  if (g.edges.length <= 3000 && s > 0.3) {
    c.beginPath();
    for (const e of g.edges) {
      const a = N[e.s], b = N[e.t], dx = b.x - a.x, dy = b.y - a.y, l = Math.hypot(dx, dy);
      if (l < 1e-6) continue;
      const ux = dx / l, uy = dy / l, px = b.x - ux * (b.r + 1), py = b.y - uy * (b.r + 1), k = 6 / Math.max(s, 0.5);
      c.moveTo(px, py); c.lineTo(px - ux * k - uy * k * 0.5, py - uy * k + ux * k * 0.5); c.lineTo(px - ux * k + uy * k * 0.5, py - uy * k - ux * k * 0.5);
    }
    c.fillStyle = "rgba(90,90,110,0.7)";
    c.fill();
  }
  // Vertices: one path per colour, those outside the area skipped.
  const x0 = -tx / s - 20, y0 = -ty / s - 20, x1 = (w - tx) / s + 20, y1 = (h - ty) / s + 20;
  const groups = new Map();
  for (let i = 0; i < N.length; i++) {
    const v = N[i];
    if (v.x < x0 || v.x > x1 || v.y < y0 || v.y > y1) continue;
    let p = groups.get(v.colour);
    if (!p) { p = new Path2D(); groups.set(v.colour, p); }
    p.moveTo(v.x + v.r, v.y); p.arc(v.x, v.y, v.r, 0, 2 * Math.PI);
  }
  for (const [col, p] of groups) { c.fillStyle = col; c.fill(p); }
  c.lineWidth = 2 / s;
  c.beginPath();
  for (const v of N) if (v.pinned) { c.moveTo(v.x + v.r + 2 / s, v.y); c.arc(v.x, v.y, v.r + 2 / s, 0, 2 * Math.PI); }
  c.strokeStyle = "#d62728"; c.stroke();
  // Names (and edge labels) once they can be read.
  c.fillStyle = getComputedStyle(canvas).color; c.font = `${11 / s}px system-ui, sans-serif`;
  if (N.length <= 80 || s > 1.5) {
    for (const v of N) if (v.x > x0 && v.x < x1 && v.y > y0 && v.y < y1) c.fillText(v.id, v.x + v.r + 2 / s, v.y + 4 / s);
  }
  if (g.edges.length <= 100 && s > 0.6) {
    c.fillStyle = "#666";
    for (const e of g.edges) c.fillText(e.label, (N[e.s].x + N[e.t].x) / 2, (N[e.s].y + N[e.t].y) / 2);
  }
}

let lastSummary = 0;
function frame(now) {
  if (dirty) { dirty = false; draw(); }
  if (now - lastSummary > 250) { lastSummary = now; summarise(); }
  requestAnimationFrame(frame);
}

function summarise() {
  const s = view.scale;
  canvas.dataset.summary = JSON.stringify({
    graph: g.graph, vertices: g.nodes.length, edges: g.edges.length, column: g.column, paths: g.paths,
    settledMs, selected: selected >= 0 ? g.nodes[selected].id : null,
    drawn: g.nodes.slice(0, 300).map((v) => ({ id: v.id, hop: v.hop, degree: v.degree, shown: g.adj[g.index.get(v.id)].size,
      value: v.value ?? null, bucket: v.bucket, colour: v.colour, r: v.r,
      x: Math.round(v.x * s + view.tx), y: Math.round(v.y * s + view.ty) })),
  });
}

// ---- pointer -------------------------------------------------------------------------------

function toWorld(px, py) { return [(px - view.tx) / view.scale, (py - view.ty) / view.scale]; }
function nodeAt(px, py) {
  const [wx, wy] = toWorld(px, py);
  let best = -1, bestD = Infinity;
  for (let i = 0; i < g.nodes.length; i++) {
    const v = g.nodes[i], d = (v.x - wx) ** 2 + (v.y - wy) ** 2, r = v.r + 4 / view.scale;
    if (d < r * r && d < bestD) { best = i; bestD = d; }
  }
  return best;
}
function pan(dx, dy) { view.tx += dx; view.ty += dy; dirty = true; }
function zoom(f, px, py) {
  const s = Math.min(20, Math.max(0.02, view.scale * f)), k = s / view.scale;
  view.tx = px - (px - view.tx) * k; view.ty = py - (py - view.ty) * k; view.scale = s; dirty = true;
  // Wheel events only move the view; the next animation frame draws it once.
  zooming = true; clearTimeout(zoomRest);
  zoomRest = setTimeout(() => { zooming = false; dirty = true; }, 200);
}

let drag = null;
canvas.addEventListener("pointerdown", (e) => {
  const i = nodeAt(e.offsetX, e.offsetY);
  drag = { i, x: e.offsetX, y: e.offsetY, moved: 0 };
  canvas.setPointerCapture(e.pointerId);
});
canvas.addEventListener("pointermove", (e) => {
  if (drag) {
    const dx = e.offsetX - drag.x, dy = e.offsetY - drag.y;
    drag.moved += Math.abs(dx) + Math.abs(dy); drag.x = e.offsetX; drag.y = e.offsetY;
    if (drag.i < 0) pan(dx, dy);
    else if (drag.moved > 3) {
      // Dragging a vertex pins it where it is let go.
      const v = g.nodes[drag.i];
      [v.x, v.y] = toWorld(e.offsetX, e.offsetY); v.pinned = true;
      worker.postMessage({ type: "pin", i: drag.i, x: v.x, y: v.y }); cache = null; dirty = true;
    }
    return;
  }
  const i = nodeAt(e.offsetX, e.offsetY);
  if (i !== hovered) { hovered = i; dirty = true; showTip(i, e.offsetX, e.offsetY); }
});
canvas.addEventListener("pointerup", () => {
  if (drag && drag.moved <= 3) select(drag.i);
  else if (drag && drag.i >= 0) select(drag.i);
  drag = null;
});
canvas.addEventListener("dblclick", (e) => { const i = nodeAt(e.offsetX, e.offsetY); if (i >= 0) expand(i); });
canvas.addEventListener("wheel", (e) => { e.preventDefault(); zoom(Math.exp(-e.deltaY / 500), e.offsetX, e.offsetY); }, { passive: false });
canvas.addEventListener("keydown", (e) => {
  const step = { ArrowLeft: [40, 0], ArrowRight: [-40, 0], ArrowUp: [0, 40], ArrowDown: [0, -40] }[e.key];
  if (step) { pan(...step); e.preventDefault(); }
  if (e.key === "+" || e.key === "=") zoom(1.25, view.w / 2, view.h / 2);
  if (e.key === "-") zoom(0.8, view.w / 2, view.h / 2);
});

function showTip(i, px, py) {
  if (i < 0) { tip.hidden = true; return; }
  const v = g.nodes[i];
  tip.textContent = `${v.id} (${v.label})` + (v.value !== undefined && v.value !== null ? ` · ${g.column} ${fmt(v.value)}` : "") +
    v.props.slice(0, 4).map(([k, x]) => ` · ${k}: ${x}`).join("");
  tip.style.left = `${px + 12}px`; tip.style.top = `${py + 12}px`; tip.hidden = false;
}

// The selected vertex: its properties, its edges (label and direction) and "n of m shown".
function select(i) {
  selected = i; dirty = true;
  selection.innerHTML = "";
  if (i < 0) return;
  const v = g.nodes[i], shown = g.adj[i].size;
  const h = document.createElement("h2"); h.textContent = v.id; selection.append(h);
  const dl = document.createElement("dl");
  const row = (k, x) => { const dt = document.createElement("dt"), dd = document.createElement("dd"); dt.textContent = k; dd.textContent = x; dl.append(dt, dd); };
  row("label", v.label);
  if (v.value !== undefined) row(g.column || "value", v.value === null ? "no value" : fmt(v.value));
  for (const [k, x] of v.props) row(k, x);
  selection.append(dl);
  const count = document.createElement("p");
  count.className = "explorer-count";
  count.textContent = `${shown} of ${v.degree} neighbours shown`;
  selection.append(count);
  const actions = document.createElement("div"); actions.className = "filter-actions";
  if (shown < v.degree) actions.append(button(v.loaded ? "Load more" : "Expand", () => expand(i)));
  if (v.pinned) actions.append(button("Unpin", () => { v.pinned = false; cache = null; worker.postMessage({ type: "unpin", i }); select(i); }));
  const open = document.createElement("a"); open.className = "button";
  open.href = `/explore?${new URLSearchParams({ graph: g.graph, vertex: v.id, job: cfg.job || "", column: g.column || "" })}`;
  open.textContent = "Open from here"; actions.append(open);
  selection.append(actions);
  const edges = g.edges.filter((e) => e.s === i || e.t === i).slice(0, 50);
  if (edges.length) {
    const ul = document.createElement("ul"); ul.className = "explorer-edges";
    for (const e of edges) {
      const li = document.createElement("li");
      li.textContent = e.s === i ? `→ ${g.nodes[e.t].id} (${e.label})` : `← ${g.nodes[e.s].id} (${e.label})`;
      ul.append(li);
    }
    selection.append(ul);
  }
}

function button(text, onclick) { const b = document.createElement("button"); b.type = "button"; b.textContent = text; b.onclick = onclick; return b; }

// One more page of vertex i's neighbours (the first page, then "load more").
async function expand(i) {
  const v = g.nodes[i];
  if (g.adj[i].size >= v.degree) return;
  status(`Loading neighbours of ${v.id}…`);
  try {
    const ans = await rpc("explore_neighbourhood", { graph: g.graph, vertex: v.id, hops: 1, cap: CAP, skip: v.loaded });
    v.loaded += CAP;
    merge(ans, i);
    await colour();
    startLayout(0.5);
    select(i);
  } catch (err) { fail(err); }
}

function fail(err) { canvas.dataset.state = "error"; status(`Could not load: ${err.message}`); }

async function main() {
  resize(); window.addEventListener("resize", resize);
  view.tx = view.w / 2; view.ty = view.h / 2;
  requestAnimationFrame(frame);
  try {
    let ans;
    if (cfg.path) {
      ans = await rpc("explore_path", { job: cfg.path });
      g.paths = ans.paths;
    } else {
      ans = await rpc("explore_neighbourhood", { graph: cfg.graph, vertex: cfg.vertex, hops: cfg.hops || 1, cap: CAP, skip: 0 });
    }
    g.graph = ans.graph;
    // Seed rings by hop, so the layout starts untangled.
    const rings = new Map();
    ans.vertices.forEach((v) => rings.set(v.hop, (rings.get(v.hop) || 0) + 1));
    const seen = new Map();
    merge(ans, -1);
    for (const v of g.nodes) {
      const k = seen.get(v.hop) || 0; seen.set(v.hop, k + 1);
      const a = (2 * Math.PI * k) / rings.get(v.hop), r = g.paths.length ? 0 : 60 * v.hop * Math.sqrt(rings.get(v.hop) / 6 + 1);
      if (g.paths.length) { v.x = v.hop * 60; v.y = (k - (rings.get(v.hop) - 1) / 2) * 60; } else { v.x = r * Math.cos(a); v.y = r * Math.sin(a); }
    }
    if (!cfg.path && g.nodes.length) g.nodes[0].loaded = (parseInt(cfg.hops, 10) || 1) > 0 ? CAP : 0;
    await colour();
    startLayout(1);
    fit();
    if (g.paths.length) legend.textContent += ` ${g.paths.length} path(s): ` + g.paths.slice(0, 5).map((p) => p.join(" → ")).join("; ");
    if (ans.truncated) status(`${statusLine.textContent} (cut at the engine's limit)`);
  } catch (err) { fail(err); }
}

main();
