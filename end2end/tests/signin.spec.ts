import { expect, test } from "@playwright/test";
import { signIn, waitForHydration } from "../helpers";

test("a bad token is refused with a message and stays on /signin", async ({ page, context }) => {
  await page.goto("/signin");
  await waitForHydration(page);
  await page.getByLabel("API token").fill("gj-not-a-real-token");
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByRole("alert")).toHaveText("Invalid token");
  await expect(page).toHaveURL(/\/signin$/);
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "gj_session")).toBeUndefined();
});

test("visiting /jobs unauthenticated lands on /signin", async ({ page }) => {
  const response = await page.goto("/jobs");
  await expect(page).toHaveURL(/\/signin$/);
  expect(response?.status()).toBe(200);
  await expect(page.getByLabel("API token")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("an unknown session cookie also lands on /signin", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "gj_session", value: "gj-revoked-or-unknown", url: baseURL! }]);
  await page.goto("/run");
  await expect(page).toHaveURL(/\/signin$/);
});

test("a session that ends mid-way sends the next server call to /signin", async ({ page, context }) => {
  await signIn(page);
  // Start on a page without live updates: on the jobs page a pushed change can make the next
  // server call (and the redirect) happen before the click below.
  await page.goto("/run");
  await waitForHydration(page);
  await context.clearCookies();
  // Client-side navigation: the graphs page's server functions now answer 401 with a redirect.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Graphs", exact: true }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByLabel("API token")).toBeVisible();
});

test("signing out clears the session", async ({ page, context }) => {
  await signIn(page);
  await waitForHydration(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  expect((await context.cookies()).find((c) => c.name === "gj_session")).toBeUndefined();
  await page.goto("/jobs");
  await expect(page).toHaveURL(/\/signin$/);
});
