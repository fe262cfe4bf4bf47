/**
 * Playwright Test drives the run: one test per scenario, one project per target, workers in parallel,
 * shards across machines. The `oauth-conformance` CLI sets the environment read by readSettings();
 * `npx playwright test` alone runs the default suite against the embedded target.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { readSettings } from './src/runner/env.js';
import { loadPlanTarget } from './src/runner/plan.js';
import { PRIVATE_UMASK } from './src/report/private-files.js';
import { PLAYWRIGHT_PRIVACY_ENV, reporters } from './src/report/reporters.js';

// The target is untrusted: no page snapshot of its pages in Playwright's files, and every file a run
// writes private to the tester (also under a bare `npx playwright test`; see src/report/private-files.ts).
Object.assign(process.env, PLAYWRIGHT_PRIVACY_ENV);
process.umask(PRIVATE_UMASK);

const settings = readSettings();
const target = loadPlanTarget(settings);

export default defineConfig({
  testDir: './src/runner',
  testMatch: 'scenarios.spec.ts',
  outputDir: path.join(settings.reportDir, 'test-output'),
  globalSetup: './src/runner/global-setup.ts',
  fullyParallel: true,
  // A conformance verdict is a fact about the target: never retried into a pass.
  retries: 0,
  workers: process.env.OC_WORKERS ? Number(process.env.OC_WORKERS) : 2,
  timeout: 120_000,
  // A shard writes a blob report for `oauth-conformance merge`; OC_BLOB asks for one from any run.
  reporter: reporters(settings, Boolean(settings.shard || process.env.OC_BLOB)),
  use: { trace: 'off', screenshot: 'off', video: 'off' },
  // Git commit and diff in the report: nothing a conformance report needs, and a diff may hold local secrets.
  captureGitInfo: { commit: false, diff: false },
  projects: [{ name: target.name }],
});
