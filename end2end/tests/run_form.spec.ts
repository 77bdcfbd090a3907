import { expect, test } from "@playwright/test";
import { signIn, waitForHydration } from "../helpers";

// The run form is drawn by the server, one "Parameters" fieldset per algorithm; the island
// shows the chosen one and checks every input against its schema before anything is sent.

test("the run form checks its inputs before it submits, and sends what was typed", async ({ page }) => {
  await signIn(page);
  await page.goto("/run");
  await waitForHydration(page);
  const submitted: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes("/rpc/submit_algorithm")) submitted.push(req.postData() ?? "");
  });
  const submit = page.getByRole("button", { name: "Submit" });

  // Nothing chosen: both selects say so, and nothing is sent.
  await submit.click();
  await expect(page.getByText("Choose a graph.")).toBeVisible();
  await expect(page.getByText("Choose an algorithm.")).toBeVisible();
  await expect(page.getByLabel("Graph")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Graph").selectOption("movie");
  await expect(page.getByText("Choose a graph.")).toHaveCount(0);
  await expect(page.getByLabel("Graph")).toHaveAttribute("aria-invalid", "false");

  // Only the chosen algorithm's parameters are shown, with its defaults.
  await expect(page.getByRole("group", { name: "Parameters" })).toHaveCount(0);
  await page.getByLabel("Algorithm").selectOption("pagerank");
  await expect(page.getByText("Choose an algorithm.")).toHaveCount(0);
  const params = page.getByRole("group", { name: "Parameters" });
  await expect(params).toHaveCount(1);
  const alpha = params.getByLabel("alpha");
  await expect(alpha).toHaveValue("0.85");
  await expect(params.getByLabel("directed")).toBeChecked();

  // Out of range: the message sits at the input, and goes as soon as the value fits.
  await alpha.fill("2");
  await submit.click();
  const message = params.getByText("Must be between 0 and 1.");
  await expect(message).toBeVisible();
  await expect(alpha).toHaveAttribute("aria-invalid", "true");
  await expect(alpha).toHaveAttribute("aria-describedby", /-error$/);
  expect(submitted).toHaveLength(0);
  await alpha.fill("0.5");
  await expect(message).toHaveCount(0);
  await expect(alpha).toHaveAttribute("aria-invalid", "false");

  // Another algorithm's fieldset replaces it; coming back keeps what was typed.
  await page.getByLabel("Algorithm").selectOption("shortest_path");
  await expect(params).toHaveCount(1);
  await expect(params.getByLabel("alpha")).toHaveCount(0);
  await page.getByLabel("Algorithm").selectOption("pagerank");
  await expect(alpha).toHaveValue("0.5");

  // Sent once, with the typed values; then the new job's page.
  await params.getByLabel("directed").uncheck();
  await submit.click();
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  expect(submitted).toHaveLength(1);
  const form = new URLSearchParams(submitted[0]);
  expect(form.get("graph")).toBe("movie");
  expect(form.get("name")).toBe("pagerank");
  const sent = JSON.parse(form.get("params_json") ?? "{}");
  expect(sent).toMatchObject({ alpha: 0.5, directed: false, max_iterations: 1000 });
});
