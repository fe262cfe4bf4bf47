/**
 * The Playwright reporters of a run, listed once: the run's config and the merge config use the same
 * list, so a merged sharded run writes the same reports as a single run. A shard (or OC_BLOB) also
 * writes a blob report, into a directory of its own so shards' artifacts can be gathered side by side.
 */
import path from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import { ROOT, type RunSettings } from '../runner/env.js';

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

export function reporters(s: Pick<RunSettings, 'reportDir' | 'shard'>, blob: boolean): ReporterDescription[] {
  return [
    [path.join(ROOT, 'src/report/reporter.ts'), { reportDir: s.reportDir }],
    ['html', { outputFolder: path.join(s.reportDir, 'playwright'), open: 'never' }],
    ['allure-playwright', { resultsDir: path.join(s.reportDir, 'allure-results'), detail: false }],
    ...(blob ? [['blob', { outputDir: path.join(blobDir(s), BLOB_ZIP_DIR) }] as ReporterDescription] : []),
  ];
}
