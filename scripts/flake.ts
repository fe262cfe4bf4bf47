/**
 * `npm run flake [-- --runs n] [--grep re] [--target f] [--workers n] [--report-dir d]`: runs the suite
 * n times (default 10) through the CLI, each into its own report directory, and compares the verdicts
 * per scenario. Exit 0 when every run agrees, 1 on any difference, 2 when a run produced no results.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, UsageError } from '../src/cli/args.js';
import { compareVerdicts, formatDifferences, type RunVerdicts } from '../src/report/compare-runs.js';
import type { RunResults } from '../src/results/results.js';
import { ROOT } from '../src/runner/env.js';

let values;
try {
  ({ values } = parse(process.argv.slice(2), {
    runs: { type: 'string', default: '10' }, grep: { type: 'string' }, target: { type: 'string' }, workers: { type: 'string' },
    'report-dir': { type: 'string', default: path.join(ROOT, 'reports/flake') },
  }));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(2);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 2) {
  process.stderr.write('error: --runs takes a whole number of at least 2\n');
  process.exit(2);
}

const collected: RunVerdicts[] = [];
for (let i = 1; i <= runs; i++) {
  const dir = path.resolve(values['report-dir'], `run-${i}`);
  const args = [path.join(ROOT, 'bin/oauth-conformance.mjs'), 'run', '--report-dir', dir];
  for (const k of ['grep', 'target', 'workers'] as const) if (values[k]) args.push(`--${k}`, values[k]);
  const shown = path.relative(process.cwd(), dir);
  process.stdout.write(`run ${i}/${runs} → ${shown.startsWith('..') ? dir : shown} … `);
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' }).on('close', resolve));
  const file = path.join(dir, 'results.json');
  if (!existsSync(file)) {
    process.stdout.write(`no results (exit ${code})\nerror: run ${i} produced no results.json\n  hint: run the same command alone to see why: npm start -- ${args.slice(2).join(' ')}\n`);
    process.exit(2);
  }
  const res = JSON.parse(readFileSync(file, 'utf8')) as RunResults;
  const c = res.counts;
  process.stdout.write(`exit ${code}, ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.skip} skip, ${c.error} error (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  collected.push({ run: dir, scenarios: res.scenarios });
}
const diffs = compareVerdicts(collected);
process.stdout.write(`\n${formatDifferences(collected, diffs)}\n`);
process.exitCode = diffs.length ? 1 : 0;
