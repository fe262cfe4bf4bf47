/** Starting Playwright Test's own CLI (`test`, `merge-reports`) as a child, and clearing a report directory before it writes. */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { OUTPUT_FILES } from '../report/outputs.js';
import { ROOT } from '../runner/env.js';

/** Runs `playwright <args>` from the repository root; stdout is the user's, stderr is kept for error messages. */
export async function playwright(args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, ...env, PLAYWRIGHT_HTML_OPEN: 'never', FORCE_COLOR: '0' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  return { code, stderr: stderr.trim() };
}

/** Removes what a run writes into a report directory, so no stale file outlives the run. */
export function clearReports(dir: string, extra: string[] = []): void {
  for (const sub of [...OUTPUT_FILES, 'playwright', 'allure-results', 'evidence', 'test-output', ...extra]) {
    rmSync(path.join(dir, sub), { recursive: true, force: true });
  }
}
