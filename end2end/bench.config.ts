import base from "./playwright.config";

// Benchmarks run through Playwright against the same server as the suite
// (`bash scripts/system/e2e.sh release --config bench.config.ts`), but never in the default
// run: they take minutes, assert no time, and write their figures to docs/.
export default { ...base, testDir: "./bench", timeout: 900_000 };
