import { createHash } from "node:crypto";

import { expect, test } from "@playwright/test";
import { expectJobState, signIn, slowImport, waitForHydration } from "../helpers";

/** The operator's token, which scripts/system/e2e.sh creates for project demo. */
function operatorToken(): string {
  const token = process.env.GRAPHJOBS_OPERATOR_TOKEN;
  if (!token) throw new Error("GRAPHJOBS_OPERATOR_TOKEN is not set (run through scripts/system/e2e.sh)");
  return token;
}

/** A token's id as the audit log names its actor: the first 12 hex digits of its SHA-256. */
function tokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 12);
}

test("an operator cancels a job with a reason; the admin sees it in the audit log with actor and reason", async ({
  page,
  request,
}) => {
  const slow = await slowImport(request, "slow_audit");
  const reason = "wrong input files, re-importing";
  try {
    await signIn(page, operatorToken());
    await page.goto(`/jobs/${slow.id}`);
    await waitForHydration(page);
    await expectJobState(page, "running");
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await page.getByLabel("Reason (optional)").fill(reason);
    await page.getByRole("button", { name: "Yes, cancel job" }).click();
    await expectJobState(page, "cancelling");
    slow.release();
    await expectJobState(page, "cancelled");
    await expect(page.getByText(reason)).toBeVisible();
  } finally {
    slow.release();
  }

  // The operator has no audit log in the menu; the admin has, with the filters in the URL.
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await signIn(page);
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.getByLabel("Action").fill("cancelJob");
  await page.getByLabel("Target id").fill(slow.id);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?.*trace_name=cancelJob.*resource_id=${slow.id}`));
  const rows = page.getByRole("row").filter({ hasText: "cancelJob" });
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toContainText(`token ${tokenId(operatorToken())}`);
  await expect(row).toContainText("operator");
  await expect(row).toContainText(reason);
  await expect(row).toContainText("200 (normal)");
  await expect(row).toContainText("ConsoleAction");

  // The same entry through the REST trace list (CTS's shape).
  const res = await request.get(`/v3/demo/traces?trace_type=system&trace_name=cancelJob&resource_id=${slow.id}`, {
    headers: { "X-Auth-Token": process.env.GRAPHJOBS_TOKEN ?? "" },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.traces).toHaveLength(1);
  expect(body.traces[0].message).toBe(reason);
  expect(body.traces[0].user.id).toBe(tokenId(operatorToken()));
});
