import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The cluster journeys (scripts/dev/cluster.sh 2 --console-only 1 -- …, see scripts/system/e2e_cluster.sh):
// the browser uses the last node, which runs no jobs; the jobs run on the first.
export default defineConfig({ ...base, testDir: "./cluster" });
