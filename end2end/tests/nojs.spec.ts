import { expect, test } from "@playwright/test";
import { apiToken } from "../helpers";

// Progressive enhancement: the sign-in form is an <ActionForm>, so it works before (or
// without) the wasm. The server redirects a refused form back to /signin with the error in
// the URL, which the server-rendered page shows.
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in refuses a bad token, then lets the right one in", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("API token").fill("gj-not-a-real-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/signin(\?|$)/);
    await expect(page.getByRole("alert")).toHaveText("Invalid token");

    await page.getByLabel("API token").fill(apiToken());
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/jobs$/);
    await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Jobs, newest first" })).toBeVisible();
  });
});
