import { expect, type Page, test } from "@playwright/test";
import { apiToken, signIn, submitAlgorithm, waitForHydration, waitForJobStatus } from "../helpers";

// The main pages at phone width and in dark mode, and a keyboard-only sign-in. Screenshots of
// each page are kept as test artifacts (test-results/).

const PAGES = ["/overview", "/jobs", "/graphs", "/graphs/movie", "/graphs/import", "/job-center", "/hyg", "/run", "/visualizations", "/visualizations/new"];

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Text and background colours of the main content, and of muted text where there is some. */
async function colours(page: Page) {
  return page.evaluate(() => {
    const bg = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const c = getComputedStyle(e).backgroundColor;
        if (c && c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c;
      }
      return getComputedStyle(document.body).backgroundColor;
    };
    const main = document.querySelector("main h1") ?? document.body;
    const muted = document.querySelector(".muted");
    return {
      text: getComputedStyle(main).color,
      back: bg(main),
      muted: muted ? getComputedStyle(muted).color : null,
      mutedBack: muted ? bg(muted) : null,
      scheme: matchMedia("(prefers-color-scheme: dark)").matches,
    };
  });
}

test.describe("at phone width", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("every main page fits the screen: no sideways scrolling of the page", async ({ page, request }) => {
    const id = await submitAlgorithm(request, "pagerank", { alpha: 0.87 });
    await waitForJobStatus(request, id, "success");
    await signIn(page);
    for (const path of [...PAGES, `/jobs/${id}`]) {
      await page.goto(path);
      await waitForHydration(page);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.scrollingElement!.scrollWidth,
        width: window.innerWidth,
      }));
      expect(scroll, `${path} is ${scroll}px wide on a ${width}px screen`).toBeLessThanOrEqual(width);
      // The navigation is one short row above the content, not a column.
      const nav = await page.getByRole("navigation", { name: "Main" }).boundingBox();
      expect(nav!.height, `${path}: navigation ${nav!.height}px tall`).toBeLessThan(80);
      await page.screenshot({ path: test.info().outputPath(`phone${path.replaceAll("/", "_")}.png`), fullPage: true });
    }
  });
});

test.describe("in dark mode", () => {
  test.use({ colorScheme: "dark" });

  test("the pages follow the dark scheme with readable contrast", async ({ page }) => {
    await signIn(page);
    for (const path of PAGES) {
      await page.goto(path);
      await waitForHydration(page);
      const c = await colours(page);
      expect(c.scheme).toBe(true);
      const ratio = contrast(c.text, c.back);
      expect(ratio, `${path}: text ${c.text} on ${c.back}`).toBeGreaterThanOrEqual(7);
      // Dark: the background is darker than the text.
      expect(contrast(c.back, "rgb(0, 0, 0)")).toBeLessThan(contrast(c.text, "rgb(0, 0, 0)"));
      if (c.muted && c.mutedBack) {
        expect(contrast(c.muted, c.mutedBack), `${path}: muted ${c.muted} on ${c.mutedBack}`).toBeGreaterThanOrEqual(4.5);
      }
      await page.screenshot({ path: test.info().outputPath(`dark${path.replaceAll("/", "_")}.png`), fullPage: true });
    }
  });
});

test("keyboard only: sign in, move through the navigation, open a job", async ({ page }) => {
  await page.goto("/signin");
  await waitForHydration(page);
  // The token field is reachable by Tab and the form submits with Enter.
  for (let i = 0; i < 10; i++) {
    if (await page.getByLabel("API token").evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(page.getByLabel("API token")).toBeFocused();
  await page.keyboard.type(apiToken());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/jobs$/);
  await waitForHydration(page);

  // Tab until the "Graphs" navigation link has focus; it shows a focus ring; Enter follows it.
  const graphs = page.getByRole("navigation").getByRole("link", { name: "Graphs", exact: true });
  for (let i = 0; i < 30; i++) {
    if (await graphs.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(graphs).toBeFocused();
  const ring = await graphs.evaluate((el) => {
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
  });
  expect(ring.outline !== "none" && ring.width > 0 || ring.shadow !== "none", JSON.stringify(ring)).toBe(true);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/graphs$/);
  await expect(page.getByRole("heading", { name: "Graphs", level: 1 })).toBeVisible();
});
