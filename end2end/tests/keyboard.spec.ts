import { expect, type Page, test } from "@playwright/test";
import { apiToken, cancelQuietly, jobStatus, slowImport, submitAlgorithm, waitForHydration } from "../helpers";

// The whole console by keyboard (app/src/keys.rs): no mouse click anywhere in this file.

/** Signs in with the keyboard only: the token typed into the focused field, Enter submits. */
async function signInByKeyboard(page: Page, token: string): Promise<void> {
  await page.goto("/signin");
  await waitForHydration(page);
  await page.getByLabel("API token").focus();
  await page.keyboard.type(token);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/jobs$/);
  await waitForHydration(page);
}

/** Waits for the page a key went to, hydrated. */
async function arrived(page: Page, path: RegExp): Promise<void> {
  await expect(page).toHaveURL(path);
  await waitForHydration(page);
}

/** The jobs table's row of job `id`. */
function row(page: Page, id: string) {
  return page.locator("table.jobs tbody tr").filter({ has: page.getByRole("link", { name: `${id.slice(0, 8)}…` }) });
}

test("palette, j/k, Enter, c with its confirmation, / and ? and g: a journey without the mouse", async ({ page, request }) => {
  // A graph of this run's own, so that the filter below finds this run's job alone when the test
  // is repeated on one server (`--repeat-each`), and never the viewer test's `slow_keys_viewer`.
  const graph = `slow_keys_${test.info().repeatEachIndex}`;
  const slow = await slowImport(request, graph);
  try {
    await expect.poll(() => jobStatus(request, slow.id, graph)).toBe("running");
    await signInByKeyboard(page, apiToken());

    // g o: the overview. Then the palette (Ctrl+K) jumps to the jobs page by its name.
    await page.keyboard.press("g");
    await expect(page.getByRole("status").filter({ hasText: "a page's letter" })).toBeVisible();
    await page.keyboard.press("o");
    await arrived(page, /\/overview$/);
    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Go to" });
    await expect(palette).toBeVisible();
    const input = palette.getByRole("combobox");
    await expect(input).toBeFocused();
    await page.keyboard.type("jobs");
    const active = palette.locator('[role="option"][aria-selected="true"]');
    await expect(active).toHaveText(/^Page\s+Jobs$/);
    await expect(input).toHaveAttribute("aria-activedescendant", /^palette-option-/);
    await page.keyboard.press("Enter");
    await arrived(page, /\/jobs$/);

    // j selects the newest job (the running import), j the next, k comes back; Enter opens it.
    const first = row(page, slow.id);
    await expect(first.getByText("running")).toBeVisible();
    await page.keyboard.press("j");
    await expect(first).toHaveAttribute("aria-current", "true");
    await expect(first).toBeInViewport();
    await expect(first.getByRole("link", { name: `${slow.id.slice(0, 8)}…` })).toBeFocused();
    await page.keyboard.press("j");
    await expect(first).not.toHaveAttribute("aria-current", "true");
    await expect(page.locator("table.jobs tbody tr").nth(1)).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("k");
    await expect(first).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("Enter");
    await arrived(page, new RegExp(`/jobs/${slow.id}$`));
    await expect(page.getByRole("status", { name: "Job state" })).toHaveText("running");

    // Back to the jobs (g j). c opens the selected job's confirmation, never cancels by itself;
    // its "Yes" is focused, and Enter confirms.
    await page.keyboard.press("g");
    await page.keyboard.press("j");
    await arrived(page, /\/jobs$/);
    await page.keyboard.press("j");
    await expect(first).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("c");
    const yes = first.getByRole("button", { name: "Yes, cancel job" });
    await expect(first.getByRole("group", { name: "Cancel this job?" })).toBeVisible();
    await expect(yes).toBeFocused();
    await expect(first.getByText("running")).toBeVisible();
    // A job started meanwhile is pushed live: it takes the top row, every row below moves down
    // and the confirmation is drawn afresh in its job's new row. Its "Yes" keeps the focus
    // (and the row its selection), so Enter still confirms.
    const other = await submitAlgorithm(request, "pagerank");
    await expect(row(page, other)).toBeVisible();
    await expect(page.locator("table.jobs tbody tr").nth(1)).toHaveAttribute("aria-current", "true");
    await expect(first).toHaveAttribute("aria-current", "true");
    await expect(yes).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(first.getByText("cancelling")).toBeVisible();
    slow.release();
    await expect(first.getByText("cancelled", { exact: true })).toBeVisible({ timeout: 30_000 });

    // / focuses the filter; what is typed there (k, s, …) is text, not shortcuts.
    await page.keyboard.press("/");
    const search = page.getByRole("searchbox");
    await expect(search).toBeFocused();
    await page.keyboard.type(graph);
    await expect(search).toHaveValue(graph);
    await page.keyboard.press("Enter");
    await arrived(page, new RegExp(`/jobs\\?.*q=${graph}`));
    await expect(page.locator("table.jobs tbody tr")).toHaveCount(1);

    // The palette finds a job by the first characters of its id.
    await page.keyboard.press("Control+k");
    await expect(input).toBeFocused();
    await page.keyboard.type(slow.id.slice(0, 6));
    await expect(active).toContainText(`${slow.id.slice(0, 8)}…`);
    await page.keyboard.press("Enter");
    await arrived(page, new RegExp(`/jobs/${slow.id}$`));
    await expect(page.getByRole("status", { name: "Job state" })).toHaveText("cancelled");

    // ? lists every shortcut in a modal dialog; Esc closes it.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    for (const keys of ["j / k", "Enter", "/", "c", "?", "Ctrl+K / ⌘K", "g j", "g g", "g v", "g o", "g r", "g q", "g c", "g e"]) {
      await expect(help.getByRole("rowheader", { name: keys, exact: true })).toBeVisible();
    }
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();

    // g then a letter: every page of the list.
    for (const [letter, path] of [
      ["g", /\/graphs$/],
      ["v", /\/visualizations$/],
      ["c", /\/job-center$/],
      ["r", /\/run$/],
      ["q", /\/query$/],
      ["e", /\/explore$/],
      ["j", /\/jobs$/],
    ] as const) {
      await page.keyboard.press("g");
      await page.keyboard.press(letter);
      await arrived(page, path);
    }
  } finally {
    slow.release();
    await cancelQuietly(request, slow.id, graph);
  }
});

test("no shortcut fires while typing in a field or with a modifier held", async ({ page }) => {
  await signInByKeyboard(page, apiToken());
  const rows = page.locator("table.jobs tbody tr");
  await expect(rows.first()).toBeVisible();
  await page.keyboard.press("Alt+j");
  await page.keyboard.press("Control+j");
  await expect(page.locator("tr[aria-current]")).toHaveCount(0);
  await page.keyboard.press("/");
  await page.keyboard.type("jk?");
  await expect(page.getByRole("searchbox")).toHaveValue("jk?");
  await expect(page.locator("tr[aria-current]")).toHaveCount(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).toHaveURL(/\/jobs$/);
});

/** Holds back the key handling's own wasm file (a split point fetched on the first key press,
 * app/src/keys/first_key.rs) until the returned function is called. */
async function holdKeyHandling(page: Page): Promise<() => void> {
  const manifest: Record<string, string[]> = await (await page.request.get("/pkg/__wasm_split_manifest.json")).json();
  const keys = Object.keys(manifest).find((name) => name.startsWith("loaded_"));
  expect(keys, "the split manifest names the key handling").toBeTruthy();
  const own = manifest[keys!].at(-1)!;
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route(`**/pkg/${own}.wasm`, async (route) => {
    asked = true;
    await released;
    await route.continue();
  });
  return () => {
    expect(asked, "the key handling was fetched on the first key").toBe(true);
    release();
  };
}

test("keys pressed while the key handling loads are kept, in order", async ({ page }) => {
  const release = await holdKeyHandling(page);
  await signInByKeyboard(page, apiToken());
  const rows = page.locator("table.jobs tbody tr");
  await expect(rows.nth(1)).toBeVisible();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await page.keyboard.press("j");
  await expect(page.locator("tr[aria-current]")).toHaveCount(0);
  release();
  await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(page.locator("tr[aria-current]")).toHaveCount(1);
});

test("/ and Ctrl+K move the focus at once, before the key handling has loaded", async ({ page }) => {
  const release = await holdKeyHandling(page);
  await signInByKeyboard(page, apiToken());
  await page.keyboard.press("/");
  const search = page.getByRole("searchbox");
  await expect(search).toBeFocused();
  await page.keyboard.type("jk?");
  await expect(search).toHaveValue("jk?");
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Go to" });
  await expect(palette.getByRole("combobox")).toBeFocused();
  await page.keyboard.type("jobs");
  release();
  await expect(palette.locator('[role="option"][aria-selected="true"]')).toHaveText(/^Page\s+Jobs$/);
  await expect(page.locator("tr[aria-current]")).toHaveCount(0);
});

test("c offers no cancel to a viewer", async ({ page, request }) => {
  const token = process.env.GRAPHJOBS_VIEWER_TOKEN;
  if (!token) throw new Error("GRAPHJOBS_VIEWER_TOKEN is not set: run the suite through scripts/system/e2e.sh");
  const slow = await slowImport(request, "slow_keys_viewer");
  try {
    await signInByKeyboard(page, token);
    const first = row(page, slow.id);
    await expect(first).toBeVisible();
    await page.keyboard.press("j");
    await expect(first).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("c");
    await expect(page.getByRole("status").filter({ hasText: "Your role in this project is viewer" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Yes, cancel job" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Cancel", exact: true })).toHaveCount(0);
  } finally {
    slow.release();
    await cancelQuietly(request, slow.id, "slow_keys_viewer");
  }
});
