import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { cancelQuietly, signIn, slowImport, submitAlgorithm, waitForHydration } from "../helpers";

/** Both workers busy with imports blocked on FIFOs, so every job submitted afterwards queues. */
async function occupyWorkers(request: APIRequestContext, tag: string) {
  const a = await slowImport(request, `slow_${tag}_a`);
  const b = await slowImport(request, `slow_${tag}_b`);
  return () => {
    a.release();
    b.release();
  };
}

function rowOf(page: Page, id: string) {
  return page.getByRole("row").filter({ has: page.locator(`a[href="/jobs/${id}"]`) });
}

test("bulk cancel by filter: a count preview, a confirmation, every matching job cancelled", async ({ page, request }) => {
  const release = await occupyWorkers(request, "bulk");
  const queued: string[] = [];
  try {
    for (const alpha of [0.81, 0.82, 0.83]) queued.push(await submitAlgorithm(request, "pagerank", { alpha }));
    await signIn(page);
    await page.goto("/jobs?state=queued&type=Algorithm");
    await waitForHydration(page);
    for (const id of queued) await expect(rowOf(page, id)).toHaveCount(1);

    await page.getByRole("button", { name: "Cancel all matching…" }).click();
    await expect(page.getByText("Cancel 3 queued or running jobs matching these filters?")).toBeVisible();
    await page.getByRole("button", { name: "Yes, cancel 3 jobs" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Cancelled 3 jobs." })).toBeVisible();
    await expect(page.getByText("No jobs match these filters.")).toBeVisible();

    // The action is a job of its own whose sub-jobs are the jobs it cancelled.
    await page.getByRole("status").filter({ hasText: "Recorded as job" }).getByRole("link").click();
    await expect(page.getByRole("status", { name: "Job state" })).toHaveText("succeeded");
    await expect(page.getByText("CancelJobs").first()).toBeVisible();
    await page.goto("/jobs?state=cancelled&type=Algorithm");
    for (const id of queued) await expect(rowOf(page, id).getByText("cancelled", { exact: true })).toBeVisible();
  } finally {
    for (const id of queued) await cancelQuietly(request, id);
    release();
  }
});

test("cancel selected: only the ticked rows are cancelled", async ({ page, request }) => {
  const release = await occupyWorkers(request, "pick");
  const queued: string[] = [];
  try {
    for (const alpha of [0.71, 0.72]) queued.push(await submitAlgorithm(request, "pagerank", { alpha }));
    await signIn(page);
    await page.goto("/jobs?state=queued&type=Algorithm");
    await waitForHydration(page);
    const [picked, kept] = queued;
    await rowOf(page, picked).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Cancel selected (1)" }).click();
    await page.getByRole("button", { name: "Yes, cancel 1 job" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Cancelled 1 job." })).toBeVisible();
    await expect(rowOf(page, picked)).toHaveCount(0);
    await expect(rowOf(page, kept)).toHaveCount(1);
  } finally {
    for (const id of queued) await cancelQuietly(request, id);
    release();
  }
});
