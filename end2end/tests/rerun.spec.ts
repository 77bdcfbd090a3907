import { expect, test } from "@playwright/test";
import { apiToken, signIn, signInWithoutJs, submitAlgorithm, waitForHydration, waitForJobStatus } from "../helpers";

// "Run again" on an algorithm run opens the run form filled with the job's stored request
// (`/run?from=<id>`, app/src/pages/run/from_job.rs): edited and submitted, it is a new job.

test("Run again fills the run form from a finished PageRank; a changed parameter runs as a new job", async ({ page, request }) => {
  const id = await submitAlgorithm(request, "pagerank", { alpha: 0.8, max_iterations: 25 });
  await waitForJobStatus(request, id, "success");

  await signIn(page);
  await page.goto(`/jobs/${id}`);
  await waitForHydration(page);
  const again = page.getByRole("link", { name: "Run again" });
  await expect(again).toHaveAttribute("href", `/run?from=${id}`);
  await again.click();
  await expect(page).toHaveURL(`/run?from=${id}`);
  await waitForHydration(page);

  // Filled: the graph, the algorithm, its fieldset shown with the stored values.
  await expect(page.getByRole("note")).toContainText("Filled in from job");
  await expect(page.getByRole("note").getByRole("link")).toHaveAttribute("href", `/jobs/${id}`);
  await expect(page.getByLabel("Graph")).toHaveValue("movie");
  await expect(page.getByLabel("Algorithm")).toHaveValue("pagerank");
  const params = page.getByRole("group", { name: "Parameters" });
  await expect(params).toHaveCount(1);
  await expect(params.getByLabel("alpha")).toHaveValue("0.8");
  await expect(params.getByLabel("max_iterations")).toHaveValue("25");

  // Edited and submitted: a new job, with the changed parameter and the others kept.
  await params.getByLabel("alpha").fill("0.6");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  const newId = page.url().split("/jobs/")[1];
  expect(newId).not.toBe(id);
  await waitForHydration(page);
  await expect(page.getByRole("region", { name: "Request" })).toContainText('"alpha": 0.6');
  await expect(page.getByRole("region", { name: "Request" })).toContainText('"max_iterations": 25');
  await waitForJobStatus(request, newId, "success");
});

// The executor choice (app/src/pages/run/run_form/executor_field.rs) sends what the REST API's
// X-Executor header says; the server runs with --compute-processes 2 (scripts/system/e2e.sh).
test("Distributed runs PageRank on compute processes, and Run again keeps the choice", async ({ page, request }) => {
  await signIn(page);
  await page.goto("/run");
  await waitForHydration(page);
  const submitted: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes("/rpc/submit_algorithm")) submitted.push(req.postData() ?? "");
  });
  const executor = page.getByLabel("Executor");
  await expect(executor).toHaveValue("");
  await page.getByLabel("Graph").selectOption("movie");
  await executor.selectOption("distributed");

  // An algorithm the distributed executor has no kernel for is refused, saying so.
  await page.getByLabel("Algorithm").selectOption("louvain");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("the distributed executor has no kernel for it")).toBeVisible();
  expect(new URLSearchParams(submitted[0]).get("executor")).toBe("distributed");

  await page.getByLabel("Algorithm").selectOption("pagerank");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  const id = page.url().split("/jobs/")[1];
  expect(submitted).toHaveLength(2);
  expect(new URLSearchParams(submitted[1]).get("executor")).toBe("distributed");
  await waitForJobStatus(request, id, "success");

  // Run again: the form comes back with Distributed chosen and sends it again.
  await page.goto(`/jobs/${id}`);
  await waitForHydration(page);
  await page.getByRole("link", { name: "Run again" }).click();
  await expect(page).toHaveURL(`/run?from=${id}`);
  await waitForHydration(page);
  await expect(page.getByLabel("Algorithm")).toHaveValue("pagerank");
  await expect(page.getByLabel("Executor")).toHaveValue("distributed");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  const again = page.url().split("/jobs/")[1];
  expect(again).not.toBe(id);
  expect(new URLSearchParams(submitted[2]).get("executor")).toBe("distributed");
  await waitForJobStatus(request, again, "success");
});

// "Run again" on a job that is not an algorithm run (here a vertex query) re-runs it at once and
// opens the new job. The job's head is drawn again on every live refresh; the action and its
// answer must outlive that, or the new job is created and never opened.
test("Run again opens the new job even when a live refresh draws the job's head again meanwhile", async ({ page, request }) => {
  const res = await request.post("/ges/v1.0/demo/graphs/movie/vertices/action?action_id=query", {
    headers: { "X-Auth-Token": apiToken() },
    data: { labels: ["user"], limit: 5 },
  });
  expect(res.status(), await res.text()).toBe(200);
  const id = (await res.json()).jobId as string;
  await waitForJobStatus(request, id, "success");
  await signIn(page);

  // The live stream's opening refetches the job once: held back, it is the refresh that comes
  // while the re-run is on its way. The re-run's answer is held until that refresh is drawn.
  let openStream = () => {};
  const streamHeld = new Promise<void>((resolve) => (openStream = resolve));
  await page.route("**/console/events", async (route) => {
    await streamHeld;
    await route.continue();
  });
  let answerRerun = () => {};
  const rerunHeld = new Promise<void>((resolve) => (answerRerun = resolve));
  let rerunSent = () => {};
  const rerunOnItsWay = new Promise<void>((resolve) => (rerunSent = resolve));
  await page.route("**/rpc/rerun_job", async (route) => {
    rerunSent();
    await rerunHeld;
    await route.continue();
  });

  await page.goto(`/jobs/${id}`);
  await waitForHydration(page);
  await page.getByRole("button", { name: "Run again" }).click();
  await rerunOnItsWay;

  // The refresh: the sections are replaced (marked, the mark goes) and the head drawn again.
  await page.locator(".job-sections > *").first().evaluate((el) => el.setAttribute("data-before-refresh", ""));
  const refreshed = page.waitForResponse((r) => r.url().includes("/rpc/job_live"));
  openStream();
  await refreshed;
  await expect(page.locator("[data-before-refresh]")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Run again" })).toBeVisible();

  answerRerun();
  await expect(page).not.toHaveURL(`/jobs/${id}`);
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  await waitForHydration(page);
  await expect(page.getByRole("status", { name: "Job state" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Run again is a link to the filled form", async ({ page, request }) => {
    const id = await submitAlgorithm(request, "pagerank", { alpha: 0.7 });
    await waitForJobStatus(request, id, "success");
    await signInWithoutJs(page);
    await page.goto(`/jobs/${id}`);
    await page.getByRole("link", { name: "Run again" }).click();
    await expect(page).toHaveURL(`/run?from=${id}`);
    await expect(page.getByLabel("Algorithm")).toHaveValue("pagerank");
    await expect(page.getByRole("group", { name: "Parameters" }).getByLabel("alpha")).toHaveValue("0.7");
    await expect(page.getByLabel("Executor")).toHaveValue("");
  });

  test("a run sent with X-Executor: distributed comes back to the form with Distributed chosen", async ({ page, request }) => {
    const res = await request.post("/ges/v1.0/demo/graphs/movie/action?action_id=execute-algorithm", {
      headers: { "X-Auth-Token": apiToken(), "X-Executor": "distributed" },
      data: { algorithmName: "connected_component", parameters: {} },
    });
    expect(res.status(), await res.text()).toBe(200);
    const id = (await res.json()).jobId as string;
    await waitForJobStatus(request, id, "success");
    await signInWithoutJs(page);
    await page.goto(`/jobs/${id}`);
    await page.getByRole("link", { name: "Run again" }).click();
    await expect(page).toHaveURL(`/run?from=${id}`);
    await expect(page.getByLabel("Algorithm")).toHaveValue("connected_component");
    await expect(page.getByLabel("Executor")).toHaveValue("distributed");
  });
});
