/**
 * Playwright Test drives the run: one test per scenario, one project per target (or configuration),
 * workers in parallel, shards across machines. A project's target, rule profile and flaws are project
 * options (src/runner/fixtures.ts), so this config may hold several targets and `npx playwright test
 * --project=<name>` runs one. The `oauth-conformance` CLI builds the projects from its `--target`s (through
 * the environment read by src/config.ts); alone, `npx playwright test` runs the default suite against the
 * embedded target. Add a project of your own the same way:
 *   { name: 'no-consent', use: { target: 'fixtures/targets/embedded-no-consent.yaml' } }
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { config, entry } from './src/config.js';
import { harnessLaunchOptions } from './src/drive/chromium.js';
import { PRIVATE_UMASK } from './src/report/private-files.js';
import { PLAYWRIGHT_PRIVACY_ENV, reporters } from './src/report/reporters.js';
import type { ProjectOptions } from './src/runner/projects.js';
import { runProjects } from './src/runner/projects.js';

// The target is untrusted: no page snapshot of its pages in Playwright's files, and every file a run
// writes private to the tester (also under a bare `npx playwright test`; see src/report/private-files.ts).
Object.assign(process.env, PLAYWRIGHT_PRIVACY_ENV);
process.umask(PRIVATE_UMASK);

const { run, blob } = config();

export default defineConfig<ProjectOptions>({
  // The spec and global setup: the sources, or their compiled bundle when the CLI runs a build (scripts/build.mjs).
  testDir: path.dirname(entry('src/runner/scenarios.spec.ts')),
  testMatch: path.basename(entry('src/runner/scenarios.spec.ts')),
  outputDir: path.join(run.reportDir, 'test-output'),
  globalSetup: entry('src/runner/global-setup.ts'),
  fullyParallel: true,
  // A conformance verdict is a fact about the target: never retried into a pass.
  retries: 0,
  // `oauth-conformance run --workers n` passes Playwright's own --workers.
  workers: 2,
  timeout: 120_000,
  // A shard writes a blob report for `oauth-conformance merge`; OC_BLOB asks for one from any run.
  reporter: reporters(run, Boolean(run.shard || blob)),
  use: {
    // Playwright's browser fixture launches the harness's Chromium (src/drive/chromium.ts); each worker
    // adds its target's host-resolver rules and trusted certificates (src/runner/fixtures.ts).
    launchOptions: harnessLaunchOptions(),
    trace: 'off', screenshot: 'off', video: 'off',
  },
  // Git commit and diff in the report: nothing a conformance report needs, and a diff may hold local secrets.
  captureGitInfo: { commit: false, diff: false },
  projects: runProjects(run),
});
