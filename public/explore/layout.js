// The graph explorer's force layout, run in a web worker so the page keeps drawing and
// answering the pointer while it computes (issue 24: "the layout runs off the main thread").
//
// Plain JS, not a second wasm bundle: the explorer's own first visit stays a few KB and no
// other area pays anything. The model is d3-force's: many-body repulsion through a
// Barnes–Hut quadtree (O(n log n) a tick, theta 0.9), springs along the edges (strength
// 1 / the smaller endpoint degree), a weak pull to the centre, velocity decay 0.6, and a
// "temperature" alpha cooled from 1 so that 300 ticks bring it under 0.001: then the layout
// has settled and stops. Dragging or adding vertices warms it again.
//
// Messages in: {type: "init", n, src, dst, x, y, fixed, alpha} (typed arrays; fixed: 1 =
// pinned; alpha: how warm to start, 1 for a new drawing), {type: "pin", i, x, y},
// {type: "unpin", i}, {type: "heat", alpha}. Out: {type: "tick", x, y, alpha, ticks}
// (at most one per 16 ms) and {type: "settled", ms, ticks} once alpha is under ALPHA_MIN.
"use strict";

const ALPHA_MIN = 0.001;
const ALPHA_DECAY = 1 - Math.pow(ALPHA_MIN, 1 / 300);
const VELOCITY_DECAY = 0.6;
const CHARGE = -30;
const LINK_DISTANCE = 30;
const THETA2 = 0.81;
const CENTRE = 0.02;

let n = 0, x, y, vx, vy, fixed, src, dst, bias, strength;
let alpha = 0, ticks = 0, started = 0, lastPost = 0, running = false;

onmessage = (e) => {
  const m = e.data;
  if (m.type === "init") {
    n = m.n; x = m.x; y = m.y; fixed = m.fixed; src = m.src; dst = m.dst;
    vx = new Float64Array(n); vy = new Float64Array(n);
    links();
    alpha = m.alpha || 1; ticks = 0; started = performance.now();
  } else if (m.type === "pin") {
    fixed[m.i] = 1; x[m.i] = m.x; y[m.i] = m.y; vx[m.i] = vy[m.i] = 0;
    alpha = Math.max(alpha, 0.1);
  } else if (m.type === "unpin") {
    fixed[m.i] = 0; alpha = Math.max(alpha, 0.1);
  } else if (m.type === "heat") {
    alpha = Math.max(alpha, m.alpha); ticks = 0; started = performance.now();
  }
  if (!running) { running = true; setTimeout(loop, 0); }
};

// Each spring's strength, and how much of its pull each endpoint takes (d3's bias).
function links() {
  const deg = new Float64Array(n);
  for (let k = 0; k < src.length; k++) { deg[src[k]]++; deg[dst[k]]++; }
  bias = new Float64Array(src.length); strength = new Float64Array(src.length);
  for (let k = 0; k < src.length; k++) {
    const a = deg[src[k]], b = deg[dst[k]];
    bias[k] = a / (a + b); strength[k] = 1 / Math.min(a, b);
  }
}

function loop() {
  // Ticks in slices of ~12 ms, so "pin" and "heat" messages are read between them.
  const until = performance.now() + 12;
  while (alpha >= ALPHA_MIN && performance.now() < until) tick();
  const now = performance.now();
  if (alpha < ALPHA_MIN) {
    post();
    postMessage({ type: "settled", ms: now - started, ticks });
    running = false;
    return;
  }
  if (now - lastPost > 16) { post(); lastPost = now; }
  setTimeout(loop, 0);
}

function post() {
  postMessage({ type: "tick", x: Float32Array.from(x), y: Float32Array.from(y), alpha, ticks });
}

function tick() {
  alpha += (0 - alpha) * ALPHA_DECAY;
  ticks++;
  for (let k = 0; k < src.length; k++) {
    const s = src[k], t = dst[k];
    if (s === t) continue;
    let dx = x[t] + vx[t] - x[s] - vx[s] || jiggle();
    let dy = y[t] + vy[t] - y[s] - vy[s] || jiggle();
    const l = Math.sqrt(dx * dx + dy * dy);
    const f = (l - LINK_DISTANCE) / l * alpha * strength[k];
    dx *= f; dy *= f;
    vx[t] -= dx * bias[k]; vy[t] -= dy * bias[k];
    vx[s] += dx * (1 - bias[k]); vy[s] += dy * (1 - bias[k]);
  }
  repel();
  for (let i = 0; i < n; i++) {
    if (fixed[i]) { vx[i] = vy[i] = 0; continue; }
    vx[i] -= x[i] * CENTRE * alpha; vy[i] -= y[i] * CENTRE * alpha;
    vx[i] *= VELOCITY_DECAY; vy[i] *= VELOCITY_DECAY;
    x[i] += vx[i]; y[i] += vy[i];
  }
}

function jiggle() { return (Math.random() - 0.5) * 1e-6; }

// The quadtree, in flat arrays: cell c has four children at kids[4c..4c+3] (0 = none, cells
// start at 1), its mass, centre of mass, and the one point of a leaf (-1: inner cell).
let cap = 0, kids, mass, mx, my, point, cells;
function grow(need) {
  if (need <= cap) return;
  cap = Math.max(need, cap * 2);
  const copy = (old, T, len) => { const a = new T(len); if (old) a.set(old); return a; };
  kids = copy(kids, Int32Array, 4 * cap); mass = copy(mass, Float64Array, cap);
  mx = copy(mx, Float64Array, cap); my = copy(my, Float64Array, cap);
  point = copy(point, Int32Array, cap);
}

function repel() {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, x[i]); y0 = Math.min(y0, y[i]); x1 = Math.max(x1, x[i]); y1 = Math.max(y1, y[i]);
  }
  const size = Math.max(x1 - x0, y1 - y0, 1) * 1.0001;
  grow(4 * n + 16);
  cells = 2; kids.fill(0, 0, 8); point[1] = -1; mass[1] = 0;
  let root = 0;
  for (let i = 0; i < n; i++) {
    if (root === 0) { root = 1; point[1] = i; mass[1] = 0; }
    else insert(i, x0, y0, size);
  }
  accumulate(1);
  for (let i = 0; i < n; i++) if (!fixed[i]) force(i, 1, size);
}

function newCell(i) {
  const c = cells++;
  if (c >= cap) grow(c + 1);
  kids.fill(0, 4 * c, 4 * c + 4); point[c] = i; mass[c] = 0;
  return c;
}

function insert(i, cx, cy, s) {
  let c = 1;
  for (let depth = 0; ; depth++) {
    if (point[c] >= 0) {
      // A leaf: push its point one level down, then place i.
      const j = point[c];
      if (depth > 40 || (x[j] === x[i] && y[j] === y[i])) { x[i] += jiggle() * 1e6; y[i] += jiggle() * 1e6; }
      point[c] = -1;
      const h = s / 2;
      const q = (x[j] >= cx + h ? 1 : 0) + (y[j] >= cy + h ? 2 : 0);
      kids[4 * c + q] = newCell(j);
    }
    const h = s / 2;
    const right = x[i] >= cx + h, down = y[i] >= cy + h;
    const q = (right ? 1 : 0) + (down ? 2 : 0);
    if (right) cx += h;
    if (down) cy += h;
    s = h;
    const k = kids[4 * c + q];
    if (k === 0) { kids[4 * c + q] = newCell(i); return; }
    c = k;
  }
}

function accumulate(c) {
  if (point[c] >= 0) { mass[c] = 1; mx[c] = x[point[c]]; my[c] = y[point[c]]; return; }
  let m = 0, sx = 0, sy = 0;
  for (let q = 0; q < 4; q++) {
    const k = kids[4 * c + q];
    if (k) { accumulate(k); m += mass[k]; sx += mx[k] * mass[k]; sy += my[k] * mass[k]; }
  }
  mass[c] = m; mx[c] = sx / m; my[c] = sy / m;
}

function force(i, c, s) {
  if (point[c] === i) return;
  const dx = mx[c] - x[i], dy = my[c] - y[i];
  let l = dx * dx + dy * dy;
  if (point[c] >= 0 || (s * s) / THETA2 < l) {
    if (l < 1) l = Math.sqrt(l) || 1;
    const f = CHARGE * alpha * mass[c] / l;
    vx[i] += dx * f; vy[i] += dy * f;
    return;
  }
  for (let q = 0; q < 4; q++) {
    const k = kids[4 * c + q];
    if (k) force(i, k, s / 2);
  }
}
