import { expect, test } from "@playwright/test";
import { expectNoReload, setNavigationMarker, signIn, slowImport, submitAlgorithm, waitForHydration, waitForJobStatus } from "../helpers";

test("the jobs table shows a job submitted elsewhere, pushed by the server", async ({ page, request }) => {
  await signIn(page);
  await waitForHydration(page);
  await setNavigationMarker(page);
  // Nothing on the page is running, so nothing polls: only the stream can bring the new job.
  await expect(page.locator('.live-status[data-live="pushed"]')).toBeVisible();
  const id = await submitAlgorithm(request, "pagerank", { alpha: 0.61 });
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
  await expect(row).toHaveCount(1);
  await waitForJobStatus(request, id, "success");
  await expect(row.getByText("succeeded", { exact: true })).toBeVisible();
  await expectNoReload(page);
});

test("a live page whose session ended goes to sign-in at the next pushed change", async ({ page, context, request }) => {
  await signIn(page);
  await waitForHydration(page);
  await expect(page.locator('.live-status[data-live="pushed"]')).toBeVisible();
  await context.clearCookies();
  // The open stream still delivers the change; the refetch it causes is refused (401).
  await submitAlgorithm(request, "pagerank", { alpha: 0.62 });
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByLabel("API token")).toBeVisible();
});

test("the overview refreshes live, but not under the keyboard focus", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_overview");
  try {
    await signIn(page);
    await page.goto("/overview");
    await waitForHydration(page);
    await setNavigationMarker(page);
    const running = page.getByRole("region", { name: "Running" });
    const link = running.locator(`a[href="/jobs/${slow.id}"]`);
    await expect(link).toBeVisible();
    // Focus the running job's link and mark the element: a replaced overview would drop both.
    await link.focus();
    await link.evaluate((el) => el.setAttribute("data-marked", "yes"));
    slow.release();
    // The job ends and the page polls on, but the fresh render waits while the focus is inside.
    await page.waitForTimeout(2500);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-marked"))).toBe("yes");
    await expect(link).toBeVisible();
    // Once the focus leaves, the held render is put in place: the job is no longer running.
    await page.getByRole("heading", { name: "Overview", level: 1 }).click();
    await expect(running.locator(`a[href="/jobs/${slow.id}"]`)).toHaveCount(0);
    await expectNoReload(page);
  } finally {
    slow.release();
  }
});

test("while the stream reconnects the page says so, and the reconnect refetches", async ({ page, request }) => {
  // The first stream opens and ends at once, so the browser reconnects by itself (after the
  // `retry` it sends); the reconnect is held until the test lets it through to the server.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let streams = 0;
  await page.route("**/console/events", async (route) => {
    streams += 1;
    if (streams === 1) {
      await route.fulfill({ status: 200, contentType: "text/event-stream", body: "retry: 100\n\n" });
    } else {
      await released;
      await route.continue();
    }
  });
  await signIn(page);
  await waitForHydration(page);
  await setNavigationMarker(page);
  const live = page.locator(".live-status");
  await expect(live).toHaveAttribute("data-live", "polling");
  await expect(live).toHaveText("Live updates interrupted — checking every second");
  // Submitted while no stream is open: nothing pushes it; the refetch on reconnect shows it.
  const id = await submitAlgorithm(request, "pagerank", { alpha: 0.64 });
  release();
  await expect(live).toHaveAttribute("data-live", "pushed");
  await expect(live).toHaveText("● Live");
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
  await expect(row).toHaveCount(1);
  await expectNoReload(page);
});

test("a stream the server refuses leaves the page polling", async ({ page }) => {
  // A refused stream (not 200) is given up for good: the browser does not reconnect.
  await page.route("**/console/events", (route) => route.fulfill({ status: 503, body: "" }));
  await signIn(page);
  await waitForHydration(page);
  const live = page.locator(".live-status");
  await expect(live).toHaveAttribute("data-live", "polling");
  await expect(live).toHaveText("Live updates interrupted — checking every second");
});
