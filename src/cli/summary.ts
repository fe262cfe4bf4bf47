/**
 * What `run` and `merge` print once the reporter has written the reports: the verdict table, the
 * counts, stale deviations, the baseline comparison and where the reports are; and the exit code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BaselineError, loadBaseline } from '../report/baseline.js';
import { seenSummary } from '../report/ambient.js';
import { countVerdicts, decidingLevel, exitCodeOf, FAIL_ON, vacuity, type FailOn, type RunResults } from '../results/results.js';
import { UsageError } from './args.js';
import { safeTerminal } from '../text/terminal.js';
import { table } from './table.js';
import { rel } from './rel-path.js';

/**
 * Checks `--fail-on` and `--baseline` before anything runs: the gate settings (the baseline as an
 * absolute path), or undefined once a bad baseline has been reported (the caller exits 2).
 */
export function gateOptions(f: { failOn?: string; baseline?: string }, out: (s: string) => void): { failOn: FailOn; baseline?: string } | undefined {
  if (f.failOn && !FAIL_ON.includes(f.failOn as FailOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${f.failOn}")`);
  const baseline = f.baseline ? path.resolve(f.baseline) : undefined;
  try {
    if (baseline) loadBaseline(baseline);
  } catch (err) {
    if (!(err instanceof BaselineError)) throw err;
    out(`error: ${err.message}\n  hint: ${err.hint}`);
    return undefined;
  }
  return { failOn: (f.failOn ?? 'must') as FailOn, baseline };
}

/** Reads the results.json a run or merge wrote, prints the summary, and returns the exit code. */
export function finish(reportDir: string, out: (s: string) => void, problems: { missing: string; empty: string }): number {
  const resultsFile = path.join(reportDir, 'results.json');
  if (!existsSync(resultsFile)) {
    out(`error: ${problems.missing}`);
    return 2;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults;
  if (!results.scenarios.length) {
    out(`error: ${problems.empty}`);
    return 2;
  }
  // A run of several targets (projects) shows each apart: its table and its counts.
  const projects = (results.projects ?? []).length > 1 ? results.projects! : undefined;
  const groups = projects
    ? projects.map((p) => ({ name: p.name, title: `${p.name}: target "${p.target.name}"${p.target.issuer ? ` at ${p.target.issuer}` : ''}, profile ${p.profile}`, scenarios: results.scenarios.filter((s) => s.project === p.name) }))
    : [{ name: '', title: '', scenarios: results.scenarios }];
  for (const g of groups) out(`\n${g.title ? `${safeTerminal(g.title)}\n` : ''}${summaryTable(g.scenarios)}\n`);
  if (results.ambient?.length) out(`Run-wide rules (each judged once, over every response of its kind):\n${ambientTable(results)}\n`);
  const counted = (scenarios: RunResults['scenarios']) => {
    const c = countVerdicts(scenarios);
    const known = scenarios.filter((s) => s.deviation?.status === 'matched').length;
    return `${scenarios.length} scenarios: ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.skip} skip, ${c.error} error${known ? `; ${known} known deviation(s) not gated` : ''}`;
  };
  const stale = results.scenarios.filter((s) => s.deviation?.status === 'stale').map((s) => `${projects && s.project ? `${s.project}: ` : ''}${s.id}`);
  if (projects) for (const g of groups) out(`  ${safeTerminal(g.name)}: ${counted(g.scenarios)}`);
  out(`${projects ? `${projects.length} targets, ` : ''}${counted(results.scenarios)}  (${(results.durationMs / 1000).toFixed(1)} s)`);
  for (const line of harnessErrors(results)) out(line);
  const vacuous = vacuity(results);
  if (vacuous) out(`error: ${vacuous}.`);
  if (stale.length) out(`stale known deviation(s) — the target now does better; remove them from the profile: ${stale.join(', ')}`);
  if (results.baseline) out(baselineLines(results.baseline));
  if (results.gate?.failOn === 'should') out('gate: --fail-on should (a SHOULD warning fails the run too)');
  const at = (f: string) => rel(path.join(reportDir, f));
  out(`\nReports:\n  summary     ${at('summary.html')}\n  results     ${at('results.json')}\n  playwright  ${at('playwright/index.html')}\n  allure      ${at('allure-results')} (npm run report:allure)\n  junit       ${at('junit.xml')}\n  sarif       ${at('results.sarif')}\n  markdown    ${at('summary.md')}`);
  return exitCodeOf(results);
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
  return [...seen].map(([cause, { hint, n }]) => `error: ${safeTerminal(cause)}${n > 1 ? ` (${n} scenarios)` : ''}${hint ? `\n  hint: ${safeTerminal(hint)}` : ''}`);
}

function baselineLines(b: NonNullable<RunResults['baseline']>): string {
  const line = (label: string, ids: string[]) => `  ${label.padEnd(19)}${ids.length}${ids.length ? `: ${ids.join(', ')}` : ''}`;
  return [`\nCompared with the baseline ${rel(b.file)} (${b.startedAt}):`, line('new failures', b.newFailures), line('fixed', b.fixed), line('unchanged failures', b.unchangedFailures), line('new scenarios', b.newScenarios)].join('\n');
}

function summaryTable(scenarios: RunResults['scenarios']): string {
  const mark = (s: RunResults['scenarios'][number]) => `${s.verdict.toUpperCase()}${s.deviation ? ` (${s.deviation.status === 'matched' ? 'known' : s.deviation.status})` : ''}`;
  const why = (s: RunResults['scenarios'][number]) => (s.deviation ? `known deviation: ${s.deviation.reason}` : s.verdict === 'pass' ? '' : (s.reason ?? ''));
  const rows = scenarios.map((s) => [mark(s), s.id, s.catalog.join(' '), decidingLevel(s), why(s)]);
  return table(['VERDICT', 'SCENARIO', 'RULES', 'LEVEL', 'WHY'], rows, 90);
}

function ambientTable(r: RunResults): string {
  const rows = (r.ambient ?? []).map((a) => [a.verdict.toUpperCase(), a.check, a.catalog.join(' '), a.level, `${seenSummary(a)}${a.verdict === 'pass' ? '' : `: ${a.message}`}`]);
  return table(['VERDICT', 'CHECK', 'RULES', 'LEVEL', 'SEEN'], rows, 90);
}
