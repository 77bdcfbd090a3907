import { expect, test } from "@playwright/test";
import { request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { waitForHydration } from "../helpers";

// The console's files are sent compressed, from the copies scripts/dev/build.sh writes next to them
// (`.gz`, `.br`); a client that accepts neither gets the file itself.

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3000";

type Fetched = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A GET with exactly the given Accept-Encoding, and the body as sent (not decoded). */
function fetchRaw(path: string, acceptEncoding: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, BASE_URL), { headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function pkgFiles(): Promise<string[]> {
  const manifest = await fetchRaw("/pkg/__wasm_split_manifest.json", "identity");
  expect(manifest.status).toBe(200);
  const areas: Record<string, string[]> = JSON.parse(manifest.body.toString("utf8"));
  const jobsArea = Object.keys(areas).find((area) => area.startsWith("jobs_area"));
  expect(jobsArea, "the split manifest names the jobs area").toBeTruthy();
  const pkg = ["console.wasm", "console.js", "console.css", ...areas[jobsArea!].map((file) => `${file}.wasm`)];
  // The explorer's scripts come from public/, copied beside pkg/ and compressed alike.
  return [...pkg.map((file) => `pkg/${file}`), "explore/explore.js", "explore/layout.js"];
}

test("the console's wasm, script and stylesheet are sent brotli- or gzip-compressed, or as they are", async () => {
  const files = await pkgFiles();
  for (const file of files) {
    const plain = await fetchRaw(`/${file}`, "identity");
    expect(plain.status, file).toBe(200);
    expect(plain.headers["content-encoding"], file).toBeUndefined();
    if (file.endsWith(".wasm")) {
      // Streaming instantiation needs the wasm type, whichever copy is sent.
      expect(plain.headers["content-type"], file).toBe("application/wasm");
    }

    const br = await fetchRaw(`/${file}`, "br");
    expect(br.headers["content-encoding"], file).toBe("br");
    expect(br.headers["content-type"], file).toBe(plain.headers["content-type"]);
    expect(brotliDecompressSync(br.body).equals(plain.body), `${file}: brotli copy decodes to the file`).toBe(true);

    const gz = await fetchRaw(`/${file}`, "gzip");
    expect(gz.headers["content-encoding"], file).toBe("gzip");
    expect(gunzipSync(gz.body).equals(plain.body), `${file}: gzip copy decodes to the file`).toBe(true);
    expect(gz.body.length, `${file}: gzip copy is smaller`).toBeLessThan(plain.body.length);
  }
});

test("the browser downloads the compressed copies on a first visit", async ({ page }) => {
  const wasm: { url: string; encoding: string | undefined }[] = [];
  page.on("response", async (response) => {
    if (response.url().endsWith(".wasm")) {
      wasm.push({ url: response.url(), encoding: (await response.allHeaders())["content-encoding"] });
    }
  });
  await page.goto("/signin");
  await waitForHydration(page);
  expect(wasm.length).toBeGreaterThan(1);
  for (const { url, encoding } of wasm) {
    // Chromium offers brotli only over HTTPS; on plain http it takes gzip.
    expect(["gzip", "br"], url).toContain(encoding);
  }
});

test("a page preloads its island's wasm files with the main module", async ({ page }) => {
  const manifest = JSON.parse((await fetchRaw("/pkg/__wasm_split_manifest.json", "identity")).body.toString("utf8"));
  const signIn = Object.keys(manifest).find((name) => name.startsWith("sign_in_area_loader_"));
  expect(signIn, "the split manifest names the sign-in island").toBeTruthy();
  const html = (await fetchRaw("/signin", "identity")).body.toString("utf8");
  const head = html.slice(0, html.indexOf("</head>"));
  const preloaded = [...head.matchAll(/<link[^>]*rel="preload"[^>]*>/g)]
    .map((tag) => /href="\/pkg\/([^"]+)\.wasm"/.exec(tag[0])?.[1])
    .filter((file) => file && file !== "console");
  expect(preloaded.sort()).toEqual([...manifest[signIn!]].sort());
  // And the browser uses them: each is fetched once.
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".wasm")) fetched.push(request.url());
  });
  await page.goto("/signin");
  await waitForHydration(page);
  for (const file of manifest[signIn!]) {
    expect(fetched.filter((url) => url.endsWith(`/${file}.wasm`)), file).toHaveLength(1);
  }
});
