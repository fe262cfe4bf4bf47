/**
 * The Playwright reporters of a run, listed once: the run's config and the merge config use the same
 * list, so a merged sharded run writes the same reports as a single run. A shard (or OC_BLOB) also
 * writes a blob report, into a directory of its own so shards' artifacts can be gathered side by side.
 */
import path from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import { entry, type RunSettings } from '../config.js';

/** Where a run's blob report goes: `<report-dir>/blob/shard-<i>-of-<n>/` (or `…/blob/all/` for an unsharded OC_BLOB run). */
export function blobDir(s: Pick<RunSettings, 'reportDir' | 'shard'>): string {
  return path.join(s.reportDir, 'blob', s.shard ? `shard-${s.shard.replace('/', '-of-')}` : 'all');
}

/**
 * The run-level facts a blob report does not carry (target, profile), saved in blobDir for `merge`.
 * The zip goes one folder down (BLOB_ZIP_DIR): Playwright empties its blob folder when it writes.
 */
export const RUN_FILE = 'oc-run.json';
export const BLOB_ZIP_DIR = 'zip';

/**
 * Playwright writes no page snapshot into error-context.md (its ARIA snapshot shows a filled password
 * field's value, and the whole text of whatever page the server showed), and the HTML report offers no
 * "copy prompt" built from it. Set for the runner and its workers (playwright.config.ts, cli/playwright.ts).
 */
export const PLAYWRIGHT_PRIVACY_ENV = { PLAYWRIGHT_NO_COPY_PROMPT: '1', PLAYWRIGHT_HTML_NO_COPY_PROMPT: '1' } as const;

export function reporters(s: Pick<RunSettings, 'reportDir' | 'shard'>, blob: boolean): ReporterDescription[] {
  return [
    [entry('src/report/reporter.ts'), { reportDir: s.reportDir }],
    ['html', { outputFolder: path.join(s.reportDir, 'playwright'), open: 'never', noCopyPrompt: true }],
    [entry('src/report/allure-reporter.ts'), { resultsDir: path.join(s.reportDir, 'allure-results'), detail: false }],
    ...(blob ? [['blob', { outputDir: path.join(blobDir(s), BLOB_ZIP_DIR) }] as ReporterDescription] : []),
  ];
}
