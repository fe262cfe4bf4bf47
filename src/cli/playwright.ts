/** Starting Playwright Test's own CLI (`test`, `merge-reports`) as a child, and clearing a report directory before it writes. */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { OUTPUT_FILES } from '../report/outputs.js';
import { lockDown, PRIVATE_UMASK } from '../report/private-files.js';
import { PLAYWRIGHT_PRIVACY_ENV } from '../report/reporters.js';
import { ROOT } from '../runner/env.js';
import { BUILD_DIR } from '../config.js';

/**
 * Playwright Test registers an ES module loader in its runner and in every worker, to transform the
 * TypeScript it is given; on Node 20 that is `module.register`, whose hooks run on a thread of their own
 * that each process starts (about 0.1 s) and every `import` then crosses. A built run gives Playwright
 * only compiled bundles (scripts/build.mjs): no loader is needed, and Playwright's PW_DISABLE_TS_ESM says
 * so. A one-scenario run: 2.85 → 2.21 s (median of 5, interleaved). Run from the sources, it is left on.
 */
const NO_TS_LOADER: Record<string, string> = BUILD_DIR ? { PW_DISABLE_TS_ESM: '1' } : {};

/** Runs `playwright <args>` from the repository root; stdout is the user's, stderr is kept for error messages. */
export async function playwright(args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  // Everything Playwright and its reporters write holds evidence: private from the start (private-files.ts).
  const umask = process.umask(PRIVATE_UMASK);
  let child;
  try {
    child = spawn(process.execPath, [cli, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, ...env, PLAYWRIGHT_HTML_OPEN: 'never', FORCE_COLOR: '0', ...PLAYWRIGHT_PRIVACY_ENV, ...NO_TS_LOADER },
    });
  } finally {
    process.umask(umask);
  }
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  return { code, stderr: stderr.trim() };
}

/** What a run writes into a report directory. */
const RUN_ENTRIES = [...OUTPUT_FILES, 'playwright', 'allure-results', 'evidence', 'test-output'];

/** Removes what a run writes into a report directory, so no stale file outlives the run. */
export function clearReports(dir: string, extra: string[] = []): void {
  for (const sub of [...RUN_ENTRIES, ...extra]) {
    rmSync(path.join(dir, sub), { recursive: true, force: true });
  }
}

/** After Playwright: every file a run wrote into the report directory 0600, every directory 0700. */
export function privateReports(dir: string, extra: string[] = []): void {
  lockDown(dir, [...RUN_ENTRIES, ...extra]);
}
