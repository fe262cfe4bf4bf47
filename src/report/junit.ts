/**
 * junit.xml for CI test views: a testsuite per catalog section, a testcase per scenario. fail →
 * <failure> with each broken check's expected/actual; error → <error> (the harness's, not the target's);
 * skip → <skipped>; warn → passed with the warning in system-out (a <failure> under `--fail-on should`).
 * A matched known deviation passes, said so in system-out; a stale one is flagged there.
 */
import { seenSummary } from './ambient.js';
import { findings, sectionOf, type Finding } from './findings.js';
import { ambientFailing, failing, vacuity, type AmbientRule, type RunResults, type ScenarioRecord } from '../results/results.js';

// XML 1.0 allows no other control characters, even escaped; C1 controls and bidi overrides (a server's
// text, shown by CI views and terminals) are replaced too.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;
const xml = (s: unknown): string =>
  String(s ?? '').replace(INVALID, '\uFFFD').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const attrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${xml(v)}"`).join('');

/** One broken check as text: what the rule wanted, what the target did. */
function brokenCheckText(f: Finding): string {
  const c = f.check;
  const head = `${f.verdict.toUpperCase()} ${f.rule} ${c?.check ?? f.scenario.id} (${f.level}) at ${f.scenario.file}:${f.line}: ${f.message}`;
  if (!c) return head;
  const refs = c.requirements.map((r) => r.url ?? r.id).join(' ');
  return [head, c.expected !== undefined ? `  expected: ${c.expected}` : '', c.actual !== undefined ? `  actual:   ${c.actual}` : '', refs ? `  see: ${refs}` : ''].filter(Boolean).join('\n');
}

type Outcome = { tag: 'failure' | 'error' | 'skipped'; message: string; type?: string; body?: string } | undefined;

function outcomeOf(s: ScenarioRecord, own: Finding[], r: RunResults): Outcome {
  if (s.verdict === 'error') return { tag: 'error', message: s.reason ?? 'harness error', type: 'harness-error', body: [s.error?.message, s.error?.hint && `hint: ${s.error.hint}`].filter(Boolean).join('\n') };
  if (s.verdict === 'skip') return { tag: 'skipped', message: s.reason ?? 'not applicable' };
  if (!failing(s, r.gate?.failOn)) return undefined;
  const unchanged = r.baseline?.unchangedFailures.includes(s.id);
  return { tag: 'failure', message: `${unchanged ? '[unchanged since baseline] ' : ''}${s.reason ?? s.verdict}`, type: s.verdict === 'fail' ? 'MUST' : 'SHOULD', body: own.map(brokenCheckText).join('\n\n') };
}

function systemOut(s: ScenarioRecord, own: Finding[], outcome: Outcome): string {
  const lines: string[] = [];
  if (s.deviation?.status === 'matched') lines.push(`KNOWN DEVIATION (not gated): the target is known to get "${s.deviation.verdict}" here: ${s.deviation.reason}`);
  if (s.deviation?.status === 'stale') lines.push(`STALE KNOWN DEVIATION: recorded as "${s.deviation.verdict}" but the target now does better (${s.verdict}); remove it from the target profile`);
  if (s.deviation?.status === 'different') lines.push(`known deviation recorded as "${s.deviation.verdict}", but the verdict is ${s.verdict}: ${s.deviation.reason}`);
  if (outcome?.tag !== 'failure') lines.push(...own.map(brokenCheckText));
  return lines.join('\n');
}

function testcase(s: ScenarioRecord, own: Finding[], r: RunResults): { xml: string; outcome: Outcome } {
  const outcome = outcomeOf(s, own, r);
  const out = systemOut(s, own, outcome);
  const head = `    <testcase${attrs({ classname: `oauth-conformance.${s.catalog[0] ?? 'scenario'}`, name: `${(r.projects?.length ?? 0) > 1 && s.project ? `[${s.project}] ` : ''}${s.id} — ${s.title}`, file: s.file, line: s.stepLines[0], time: (s.durationMs / 1000).toFixed(3) })}`;
  const inner = [
    outcome && `      <${outcome.tag}${attrs({ message: outcome.message, type: outcome.type })}${outcome.body ? `>${xml(outcome.body)}</${outcome.tag}>` : '/>'}`,
    out && `      <system-out>${xml(out)}</system-out>`,
  ].filter(Boolean);
  return { xml: inner.length ? `${head}>\n${inner.join('\n')}\n    </testcase>` : `${head}/>`, outcome };
}

/** An ambient rule as a testcase of its own suite: judged once over the run, not in any scenario's. */
function ambientCase(a: AmbientRule, f: Finding | undefined, r: RunResults): { xml: string; outcome: Outcome } {
  const seen = a.seen.map((o) => `${o.verdict.toUpperCase()} ${o.scenario} step ${o.step}${o.message ? `: ${o.message}` : ''}`).join('\n');
  const outcome: Outcome = a.verdict === 'error' ? { tag: 'error', message: a.message, type: 'harness-error' }
    : a.verdict === 'skip' ? { tag: 'skipped', message: a.message }
      : ambientFailing(a, r.gate?.failOn) ? { tag: 'failure', message: `${f?.unchanged ? '[unchanged since baseline] ' : ''}${a.message}`, type: a.verdict === 'fail' ? 'MUST' : 'SHOULD', body: f ? brokenCheckText(f) : a.message } : undefined;
  const head = `    <testcase${attrs({ classname: 'oauth-conformance.run-wide', name: `${a.check} — ${a.title} (${seenSummary(a)})`, file: f?.scenario.file })}`;
  const inner = [
    outcome && `      <${outcome.tag}${attrs({ message: outcome.message, type: outcome.type })}${outcome.body ? `>${xml(outcome.body)}</${outcome.tag}>` : '/>'}`,
    `      <system-out>${xml(seen)}</system-out>`,
  ].filter(Boolean);
  return { xml: `${head}>\n${inner.join('\n')}\n    </testcase>`, outcome };
}

export function renderJunit(r: RunResults): string {
  const all = findings(r);
  const suites = new Map<string, ScenarioRecord[]>();
  for (const s of r.scenarios) suites.set(sectionOf(s), [...(suites.get(sectionOf(s)) ?? []), s]);
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const props = `    <properties>\n${[['target', r.target.name], ['profile', r.profile], ['fail-on', r.gate?.failOn ?? 'must'], ['baseline', r.baseline?.file]]
    .filter(([, v]) => v).map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`).join('\n')}\n    </properties>`;
  const body = [...suites].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([name, scenarios]) => {
    const cases = scenarios.map((s) => testcase(s, all.filter((f) => f.scenario === s && !f.ambient), r));
    const count = (tag: string) => cases.filter((c) => c.outcome?.tag === tag).length;
    const n = { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += n[k];
    const time = (scenarios.reduce((t, s) => t + s.durationMs, 0) / 1000).toFixed(3);
    return `  <testsuite${attrs({ name, ...n, time, timestamp: r.startedAt })}>\n${props}\n${cases.map((c) => c.xml).join('\n')}\n  </testsuite>`;
  });
  const vacuous = vacuity(r);
  if (vacuous) {
    total.tests++; total.errors++;
    body.push(`  <testsuite${attrs({ name: 'Run', tests: 1, failures: 0, errors: 1, skipped: 0, time: '0.000', timestamp: r.startedAt })}>\n    <testcase${attrs({ classname: 'oauth-conformance.run', name: 'the run proves something' })}>\n      <error${attrs({ message: vacuous, type: 'harness-error' })}/>\n    </testcase>\n  </testsuite>`);
  }
  if (r.ambient?.length) {
    const cases = r.ambient.map((a) => ambientCase(a, all.find((f) => f.ambient?.check === a.check), r));
    const count = (tag: string) => cases.filter((c) => c.outcome?.tag === tag).length;
    const n = { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += n[k];
    body.push(`  <testsuite${attrs({ name: 'Run-wide rules (judged once over every response)', ...n, time: '0.000', timestamp: r.startedAt })}>\n${props}\n${cases.map((c) => c.xml).join('\n')}\n  </testsuite>`);
  }
  const head = `<testsuites${attrs({ name: `oauth-conformance: ${r.target.name} (${r.profile})`, ...total, time: (r.durationMs / 1000).toFixed(3), timestamp: r.startedAt })}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${body.join('\n')}\n</testsuites>\n`;
}
