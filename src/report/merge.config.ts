/**
 * The Playwright config `oauth-conformance merge` hands to `playwright merge-reports`: no tests, only
 * the run's reporters (see reporters.ts), writing into OC_REPORT_DIR. testDir is the run's, so the
 * merged test locations resolve against this checkout.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { config, entry } from '../config.js';
import { reporters } from './reporters.js';

export default defineConfig({
  testDir: path.dirname(entry('src/runner/scenarios.spec.ts')),
  reporter: reporters(config().run, false),
});
