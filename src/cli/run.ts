/**
 * `oauth-conformance run`: validates the inputs, runs the scenarios in Playwright Test against the
 * target (starting the embedded server when the profile asks), prints the summary and the report
 * paths, and exits 0 (no failure), 1 (a MUST failed) or 2 (bad input or harness error).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromiumExecutable } from '../drive/chromium.js';
import { LoadFailed, formatLoadError } from '../load/errors.js';
import { exitCodeOf, type RunResults } from '../report/results.js';
import { ROOT, settingsEnv, type RunSettings } from '../runner/env.js';
import { loadPlanScenarios, loadPlanTarget } from '../runner/plan.js';
import { PROFILES, type Profile } from '../spec/levels.js';
import { UsageError } from './args.js';
import { table } from './table.js';

export interface RunFlags {
  target?: string;
  grep?: string;
  workers?: string;
  reportDir?: string;
  profile?: string;
  flaw?: string[];
  suites: string[];
  shard?: string;
  /** Include scenarios tagged `slow` (code lifetime, token expiry), left out by default. */
  slow?: boolean;
}

export async function run(f: RunFlags, out: (s: string) => void): Promise<number> {
  if (f.profile && !PROFILES.includes(f.profile as Profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}`);
  if (f.workers && !/^[1-9][0-9]*$/.test(f.workers)) throw new UsageError('--workers takes a positive whole number');
  const settings: RunSettings = {
    target: path.resolve(f.target ?? path.join(ROOT, 'fixtures/targets/embedded.yaml')),
    suites: (f.suites.length ? f.suites : [path.join(ROOT, 'suites')]).map((p) => path.resolve(p)),
    profile: (f.profile ?? 'rfc9700') as Profile,
    reportDir: path.resolve(f.reportDir ?? path.join(ROOT, 'reports/latest')),
    flaws: f.flaw ?? [],
  };
  let targetName: string;
  let count: number;
  try {
    const target = loadPlanTarget(settings);
    targetName = target.name;
    if (settings.flaws.length && !target.embedded) throw new UsageError('--flaw applies to the embedded target only');
    count = loadPlanScenarios(settings).length;
  } catch (err) {
    if (err instanceof LoadFailed) {
      for (const e of err.errors) out(formatLoadError(e));
      out(`\n${err.errors.length} error(s) in the inputs; nothing was run.`);
      return 2;
    }
    throw err;
  }
  if (process.env.OC_CHROMIUM && !existsSync(process.env.OC_CHROMIUM)) {
    out(`error: OC_CHROMIUM=${process.env.OC_CHROMIUM}: no such file.\n  hint: point OC_CHROMIUM at a Chromium binary, or unset it to use the one \`npm run setup\` installs.`);
    return 2;
  }
  if (!chromiumExecutable()) {
    out('error: no Chromium found.\n  hint: run `npm run setup` (installs Debian\'s chromium), or set OC_CHROMIUM to a Chromium binary.');
    return 2;
  }
  for (const sub of ['results.json', 'summary.html', 'playwright', 'allure-results', 'evidence', 'test-output']) {
    rmSync(path.join(settings.reportDir, sub), { recursive: true, force: true });
  }
  out(`oauth-conformance: ${count} scenario(s) against "${targetName}"${settings.flaws.length ? ` with flaw(s) ${settings.flaws.join(', ')}` : ''}, profile ${settings.profile}\n`);

  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const args = [cli, 'test', '-c', path.join(ROOT, 'playwright.config.ts')];
  if (f.grep) args.push('--grep', f.grep);
  if (!f.slow) args.push('--grep-invert', '@slow');
  if (f.shard) args.push('--shard', f.shard);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, ...settingsEnv(settings), ...(f.workers ? { OC_WORKERS: f.workers } : {}), PLAYWRIGHT_HTML_OPEN: 'never', FORCE_COLOR: '0' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));

  const resultsFile = path.join(settings.reportDir, 'results.json');
  if (!existsSync(resultsFile)) {
    out(`error: the run produced no results (Playwright exited ${code}).\n${stderr.trim()}`);
    return 2;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults;
  if (!results.scenarios.length) {
    out(`error: no scenario ran${f.grep ? ` (--grep ${JSON.stringify(f.grep)} matched none)` : ''}.${stderr.trim() ? `\n${stderr.trim()}` : ''}`);
    return 2;
  }
  out(`\n${summaryTable(results)}\n`);
  const c = results.counts;
  const known = results.scenarios.filter((s) => s.deviation?.status === 'matched').length;
  const stale = results.scenarios.filter((s) => s.deviation?.status === 'stale').map((s) => s.id);
  out(`${results.scenarios.length} scenarios: ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.skip} skip, ${c.error} error${known ? `; ${known} known deviation(s) not gated` : ''}  (${(results.durationMs / 1000).toFixed(1)} s)`);
  for (const line of harnessErrors(results)) out(line);
  if (stale.length) out(`stale known deviation(s) — the target now does better; remove them from the profile: ${stale.join(', ')}`);
  out(`\nReports:\n  summary     ${rel(path.join(settings.reportDir, 'summary.html'))}\n  results     ${rel(resultsFile)}\n  playwright  ${rel(path.join(settings.reportDir, 'playwright/index.html'))}\n  allure      ${rel(path.join(settings.reportDir, 'allure-results'))} (npm run report:allure)`);
  return exitCodeOf(results);
}

function summaryTable(r: RunResults): string {
  const mark = (s: RunResults['scenarios'][number]) => `${s.verdict.toUpperCase()}${s.deviation ? ` (${s.deviation.status === 'matched' ? 'known' : s.deviation.status})` : ''}`;
  const why = (s: RunResults['scenarios'][number]) => (s.deviation ? `known deviation: ${s.deviation.reason}` : s.verdict === 'pass' ? '' : (s.reason ?? ''));
  const rows = r.scenarios.map((s) => [mark(s), s.id, s.catalog.join(' '), s.level, why(s)]);
  return table(['VERDICT', 'SCENARIO', 'RULES', 'LEVEL', 'WHY'], rows, 90);
}

/** The harness's errors, once each with its hint: what to fix before the run can judge anything. */
function harnessErrors(r: RunResults): string[] {
  const seen = new Map<string, { hint?: string; n: number }>();
  for (const s of r.scenarios) {
    if (s.verdict !== 'error' || !s.error) continue;
    const cause = s.error.message.split('\n')[0];
    const e = seen.get(cause) ?? { hint: s.error.hint, n: 0 };
    seen.set(cause, { ...e, n: e.n + 1 });
  }
  return [...seen].map(([cause, { hint, n }]) => `error: ${cause}${n > 1 ? ` (${n} scenarios)` : ''}${hint ? `\n  hint: ${hint}` : ''}`);
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r.startsWith('..') ? p : r;
}
