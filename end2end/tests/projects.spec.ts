import { expect, test } from "@playwright/test";
import { apiToken, signIn, waitForHydration } from "../helpers";

function multiToken(): string {
  const token = process.env.GRAPHJOBS_MULTI_TOKEN;
  if (!token) throw new Error("GRAPHJOBS_MULTI_TOKEN is not set: run the suite through scripts/system/e2e.sh");
  return token;
}

test("a token with two projects switches between them; the choice holds until switched back", async ({ page }) => {
  await signIn(page, multiToken());
  const picker = page.getByRole("combobox", { name: "Project" });
  await expect(picker).toHaveValue("demo");
  await expect(picker.locator("option")).toHaveText(["demo", "sandbox"]);
  await expect(page.getByRole("table", { name: "Jobs, newest first" })).toBeVisible();

  await picker.selectOption("sandbox");
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await waitForHydration(page);
  await expect(page.getByRole("combobox", { name: "Project" })).toHaveValue("sandbox");
  // The sandbox project is empty: no jobs, no graphs; demo's movie graph is not listed.
  await page.goto("/jobs");
  await expect(page.getByText("No jobs yet.")).toBeVisible();
  await page.goto("/graphs");
  await expect(page.getByText("This project has no graphs yet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "movie" })).toHaveCount(0);

  // A reload keeps the choice; switching back shows demo's jobs again.
  await page.reload();
  await waitForHydration(page);
  await page.getByRole("combobox", { name: "Project" }).selectOption("demo");
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/jobs");
  await expect(page.getByRole("table", { name: "Jobs, newest first" })).toBeVisible();
});

test("a one-project token shows its project without a switcher", async ({ page }) => {
  await signIn(page, apiToken());
  await expect(page.locator(".project-name")).toHaveText("demo");
  await expect(page.getByRole("combobox", { name: "Project" })).toHaveCount(0);
});

test("a project the token may not use is refused", async ({ page, request }) => {
  await signIn(page, multiToken());
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "gj_session")!.value;
  const res = await request.post("/rpc/switch_project", {
    headers: { Cookie: `gj_session=${session}`, "Content-Type": "application/x-www-form-urlencoded" },
    form: { project: "someoneelse" },
    maxRedirects: 0,
  });
  // Refused: an error status, or (a plain form post) a redirect back with the error; never a
  // cookie choosing that project.
  expect(res.status() >= 400 || res.status() === 302, `status ${res.status()}`).toBe(true);
  const setCookies = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  expect(setCookies.some((c) => c.includes("someoneelse"))).toBe(false);
  // Still demo.
  await page.goto("/jobs");
  await expect(page.getByRole("combobox", { name: "Project" })).toHaveValue("demo");
});
