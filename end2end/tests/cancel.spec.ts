import { expect, test } from "@playwright/test";
import {
  cancelSlowImportInConsole,
  expectJobState,
  expectNoReload,
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

test("a reason typed into a cancel confirmation survives the jobs table being drawn again", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_cancel_reason");
  const reason = "typed before the table was drawn again";
  const row = (id: string) => page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
  try {
    await signIn(page);
    await waitForHydration(page);
    await expect(row(slow.id).getByText("running", { exact: true })).toBeVisible();
    await row(slow.id).getByRole("button", { name: "Cancel", exact: true }).click();
    const input = page.getByLabel("Reason (optional)");
    await input.fill(reason);
    // A job submitted elsewhere: the table is drawn again with it, the open confirmation too.
    const other = await submitAlgorithm(request, "pagerank", { alpha: 0.64 });
    await expect(row(other)).toHaveCount(1);
    await expect(input).toHaveValue(reason);
    await page.getByRole("button", { name: "Yes, cancel job" }).click();
    await expect(row(slow.id).getByText("cancelling", { exact: true })).toBeVisible();
    slow.release();
    await page.goto(`/jobs/${slow.id}`);
    await expectJobState(page, "cancelled");
    await expect(page.getByText(reason)).toBeVisible();
  } finally {
    slow.release();
  }
});

test("typing a cancel reason goes on in its field after the jobs table is drawn again", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_cancel_typing");
  const row = (id: string) => page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
  try {
    await signIn(page);
    await waitForHydration(page);
    await expect(row(slow.id).getByText("running", { exact: true })).toBeVisible();
    await row(slow.id).getByRole("button", { name: "Cancel", exact: true }).click();
    const input = page.getByLabel("Reason (optional)");
    await input.click();
    await page.keyboard.type("begun before");
    // A job submitted elsewhere takes the top row: every row moves down one, and the open
    // confirmation is drawn afresh in its job's new row.
    const other = await submitAlgorithm(request, "pagerank", { alpha: 0.63 });
    await expect(row(other)).toHaveCount(1);
    // The keys typed next still go into the reason (not to the page, where they are shortcuts).
    await expect(input).toBeFocused();
    await page.keyboard.type(", ended after");
    await expect(input).toHaveValue("begun before, ended after");
    await page.getByRole("button", { name: "Yes, cancel job" }).click();
    await expect(row(slow.id).getByText("cancelling", { exact: true })).toBeVisible();
    slow.release();
    await page.goto(`/jobs/${slow.id}`);
    await expectJobState(page, "cancelled");
    await expect(page.getByText("begun before, ended after")).toBeVisible();
  } finally {
    slow.release();
  }
});

test("a reason field the user left does not take the focus back when the jobs table is drawn again", async ({ page, request }) => {
  const slow = await slowImport(request, "slow_cancel_left");
  const row = (id: string) => page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
  try {
    await signIn(page);
    await waitForHydration(page);
    await expect(row(slow.id).getByText("running", { exact: true })).toBeVisible();
    // The key handling (which gives a reason field the focus back) is loaded, as it is once
    // anything has been typed: `g` shows in its status line.
    await page.keyboard.press("g");
    await expect(page.locator("#keys-status")).toContainText("now a page's letter");
    await page.keyboard.press("Escape");
    await row(slow.id).getByRole("button", { name: "Cancel", exact: true }).click();
    const input = page.getByLabel("Reason (optional)");
    await input.click();
    await page.keyboard.type("left");
    // The user leaves the field for the page (no other element takes the focus).
    await page.getByRole("heading", { name: "Jobs", exact: true }).click();
    await expect(input).not.toBeFocused();
    const other = await submitAlgorithm(request, "pagerank", { alpha: 0.64 });
    await expect(row(other)).toHaveCount(1);
    await expect(row(slow.id).getByLabel("Reason (optional)")).toHaveValue("left");
    // A key typed now goes to the page, not into the field drawn afresh (`z` is no shortcut).
    await page.keyboard.type("z");
    await expect(input).toHaveValue("left");
    await expect(input).not.toBeFocused();
  } finally {
    slow.release();
  }
});
