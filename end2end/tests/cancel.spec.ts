import { type APIRequestContext, type Locator, type Page, expect, test } from "@playwright/test";
import {
  cancelSlowImportInConsole,
  expectJobState,
  expectNoReload,
  jobStatus,
  setNavigationMarker,
  signIn,
  slowImport,
  submitAlgorithm,
  waitForHydration,
} from "../helpers";

test("cancel a long job: running, then cancelling while it winds down, then cancelled", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_cancel");
  try {
    await signIn(page);
    await page.goto(`/jobs/${slow.id}`);
    await waitForHydration(page);
    await setNavigationMarker(page);
    await expectJobState(page, "running");
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

    await cancelSlowImportInConsole(page, slow);
    await expectNoReload(page);
  } finally {
    slow.release();
  }
});

/** What a jobs-table test gets from `onJobsPage`: the slow import and a job's row. */
type JobsPage = { slow: { id: string; release: () => void }; row: (id: string) => Locator };

/**
 * Signs in on the jobs table with a slow import running (graph `graph`), runs `body`, then lets
 * the import finish whatever happened.
 */
async function onJobsPage(page: Page, request: APIRequestContext, graph: string, body: (p: JobsPage) => Promise<void>) {
  const slow = await slowImport(request, graph);
  const row = (id: string) => page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
  const status = () => jobStatus(request, slow.id, graph);
  try {
    // Running before the page loads, so that no live refresh for its start can redraw the table
    // later, under a field the test has focused and not typed into yet (the focus would go to the
    // page before the first key: seen once in CI).
    await expect.poll(status).toBe("running");
    await signIn(page);
    await waitForHydration(page);
    await expect(row(slow.id).getByText("running", { exact: true })).toBeVisible();
    await body({ slow, row });
  } finally {
    slow.release();
    // Ended before the next test loads its page: its end would redraw that page's table.
    await expect.poll(status, { timeout: 45_000 }).toMatch(/^(success|failed)$/);
  }
}

/** Opens the slow import's cancel confirmation; returns its reason field. */
async function openCancel(page: Page, { slow, row }: JobsPage): Promise<Locator> {
  await row(slow.id).getByRole("button", { name: "Cancel", exact: true }).click();
  return page.getByLabel("Reason (optional)");
}

/** Confirms the open cancellation and checks that the cancelled job shows `reason`. */
async function cancelWithReason(page: Page, { slow, row }: JobsPage, reason: string) {
  await page.getByRole("button", { name: "Yes, cancel job" }).click();
  await expect(row(slow.id).getByText("cancelling", { exact: true })).toBeVisible();
  slow.release();
  await page.goto(`/jobs/${slow.id}`);
  await expectJobState(page, "cancelled");
  await expect(page.getByText(reason)).toBeVisible();
}

test("a reason typed into a cancel confirmation survives the jobs table being drawn again", async ({ page, request }) => {
  await onJobsPage(page, request, "slow_cancel_reason", async (jobs) => {
    const reason = "typed before the table was drawn again";
    const input = await openCancel(page, jobs);
    await input.fill(reason);
    // A job submitted elsewhere: the table is drawn again with it, the open confirmation too.
    const other = await submitAlgorithm(request, "pagerank", { alpha: 0.64 });
    await expect(jobs.row(other)).toHaveCount(1);
    await expect(input).toHaveValue(reason);
    await cancelWithReason(page, jobs, reason);
  });
});

/** Loads the key handling (fetched on the first key press) and waits until it runs. */
async function loadKeys(page: Page) {
  await page.keyboard.press("g");
  await expect(page.locator("#keys-status")).toContainText("now a page's letter");
  await page.keyboard.press("Escape");
}

test("typing a cancel reason goes on in its field after the jobs table is drawn again", async ({ page, request }) => {
  await onJobsPage(page, request, "slow_cancel_typing", async (jobs) => {
    // With the key handling loaded (as it is once anything has been typed), a redraw at any
    // moment of the typing gives the focus back before the next key; the test below holds the
    // key handling's loading instead.
    await loadKeys(page);
    const input = await openCancel(page, jobs);
    await input.click();
    await page.keyboard.type("begun before");
    // A job submitted elsewhere takes the top row: every row moves down one, and the open
    // confirmation is drawn afresh in its job's new row.
    const other = await submitAlgorithm(request, "pagerank", { alpha: 0.63 });
    await expect(jobs.row(other)).toHaveCount(1);
    // The keys typed next still go into the reason (not to the page, where they are shortcuts).
    await expect(input).toBeFocused();
    await page.keyboard.type(", ended after");
    await expect(input).toHaveValue("begun before, ended after");
    await cancelWithReason(page, jobs, "begun before, ended after");
  });
});

test("a reason field the user left does not take the focus back when the jobs table is drawn again", async ({ page, request }) => {
  await onJobsPage(page, request, "slow_cancel_left", async (jobs) => {
    // The key handling (which gives a reason field the focus back) is loaded, as it is once
    // anything has been typed.
    await loadKeys(page);
    const input = await openCancel(page, jobs);
    await input.click();
    await page.keyboard.type("left");
    // The user leaves the field for the page (no other element takes the focus).
    await page.getByRole("heading", { name: "Jobs", exact: true }).click();
    await expect(input).not.toBeFocused();
    const other = await submitAlgorithm(request, "pagerank", { alpha: 0.62 });
    await expect(jobs.row(other)).toHaveCount(1);
    await expect(jobs.row(jobs.slow.id).getByLabel("Reason (optional)")).toHaveValue("left");
    // A key typed now goes to the page, not into the field drawn afresh (`z` is no shortcut).
    await page.keyboard.type("z");
    await expect(input).toHaveValue("left");
    await expect(input).not.toBeFocused();
  });
});

test("a cancel reason whose first key loads the key handling gets the focus back when the table was drawn again meanwhile", async ({ page, request }) => {
  await onJobsPage(page, request, "slow_cancel_loading", async (jobs) => {
    const input = await openCancel(page, jobs);
    await input.click();
    // The first key fetches the key handling: held until the table has been drawn again.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/pkg/**", async (route) => {
      await held;
      await route.continue();
    });
    const fetching = page.waitForRequest("**/pkg/**");
    await page.keyboard.type("b");
    await fetching;
    const other = await submitAlgorithm(request, "pagerank", { alpha: 0.61 });
    await expect(jobs.row(other)).toHaveCount(1);
    // The field the focus was in went with the redraw.
    await expect(input).toHaveValue("b");
    await expect(input).not.toBeFocused();
    // Keys typed while the key handling still loads go into the field drawn afresh (not to the
    // page, where they would wait as shortcuts: `g` then `e` would be one).
    await page.keyboard.type("egun");
    await expect(input).toBeFocused();
    await expect(input).toHaveValue("begun");
    release();
    await expect(input).toBeFocused();
    await page.keyboard.type(" before, ended after");
    await expect(input).toHaveValue("begun before, ended after");
  });
});
