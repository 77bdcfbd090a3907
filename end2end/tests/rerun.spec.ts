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
