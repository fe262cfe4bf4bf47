/**
 * summary.md: the run in Markdown, fit for a pull-request comment or $GITHUB_STEP_SUMMARY — a one-line
 * verdict, the counts, the failures (rule, level, RFC section, scenario), known and stale deviations,
 * harness errors and the baseline comparison.
 */
import { safeMarkdown } from '../text/markdown.js';
import { findings, sectionLabel, staleDeviations, type Finding } from './findings.js';
import { seenSummary } from './ambient.js';
import { exitCodeOf, vacuity, VERDICTS, type BaselineDiff, type RunResults } from '../results/results.js';

/** Rows shown per table: a step summary is capped at 1 MiB, and a comment should stay readable. */
const MAX_ROWS = 100;

/** Text of a cell, cut to 300 characters before it is escaped (a cut escape would break the row). */
const CELL_CHARS = 300;
/** Markdown the harness wrote itself (a code span of a scenario id), as opposed to text to escape. */
interface Md { md: string }
type Cell = string | Md;
const cell = (c: Cell): string => (typeof c === 'string' ? safeMarkdown(c.length > CELL_CHARS ? `${c.slice(0, CELL_CHARS - 1)}…` : c) : c.md);
/** A code span of an id from a scenario file (ids are `[a-z0-9-]`; anything else is dropped). */
const code = (id: string): Md => ({ md: `\`${id.replace(/[^\w.:/-]/g, '')}\`` });

function tableOf(header: string[], rows: Cell[][]): string {
  const shown = rows.slice(0, MAX_ROWS);
  const more = rows.length - shown.length;
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...shown.map((r) => `| ${r.map(cell).join(' | ')} |`), ...(more > 0 ? [`\n… and ${more} more (see results.json)`] : [])].join('\n');
}

/** The one-line verdict, as the gate sees it. */
export function verdictLine(r: RunResults): string {
  const code = exitCodeOf(r);
  const errors = r.scenarios.filter((s) => s.verdict === 'error').length;
  const gate = r.gate?.failOn === 'should' ? 'MUST failures or SHOULD warnings' : 'MUST failures';
  const vacuous = vacuity(r);
  if (vacuous) return `⚠️ **INCOMPLETE** — ${vacuous}`;
  if (code === 2 && !errors) return `⚠️ **ERROR** — a run-wide rule could not be judged: the run is incomplete`;
  if (code === 2) return `⚠️ **ERROR** — ${errors} scenario(s) could not be run (harness errors, not the target's failures): the run is incomplete`;
  if (r.baseline) {
    const n = r.baseline.newFailures.length;
    return code === 1 ? `❌ **FAIL** — ${n} new failure(s) since the baseline` : `✅ **PASS** — no new failures since the baseline (${r.baseline.unchangedFailures.length} unchanged, ${r.baseline.fixed.length} fixed)`;
  }
  const gating = findings(r).filter((f) => f.gating);
  const scenarios = new Set(gating.filter((f) => !f.ambient).map((f) => f.scenario.id)).size;
  const rules = gating.filter((f) => f.ambient).length;
  const what = [scenarios && `${scenarios} scenario(s)`, rules && `${rules} run-wide rule(s)`].filter(Boolean).join(' and ');
  return code === 1 ? `❌ **FAIL** — ${what} with ${gate}` : `✅ **PASS** — no ${gate}`;
}

const findingRow = (f: Finding): Cell[] => [f.verdict.toUpperCase(), f.rule, f.level, sectionLabel(f), code(f.scenario.id), f.check?.check ?? '', `${f.scenario.file}:${f.line}`, f.message];
const FINDING_HEADER = ['Verdict', 'Rule', 'Level', 'RFC section', 'Scenario', 'Check', 'Where', 'Why'];

function baselineSection(b: BaselineDiff): string {
  const list = (title: string, ids: string[]) => `- **${title}** (${ids.length})${ids.length ? `: ${ids.slice(0, MAX_ROWS).map((id) => code(id).md).join(', ')}${ids.length > MAX_ROWS ? ', …' : ''}` : ''}`;
  return [`### Compared with the baseline`, '', `${safeMarkdown(b.file)} (run of ${safeMarkdown(b.startedAt)})`, '', list('New failures', b.newFailures), list('Fixed', b.fixed), list('Unchanged failures', b.unchangedFailures), list('New scenarios', b.newScenarios)].join('\n');
}

export function renderMarkdown(r: RunResults): string {
  const all = findings(r);
  const known = r.scenarios.filter((s) => s.deviation?.status === 'matched');
  const stale = staleDeviations(r);
  const errors = r.scenarios.filter((s) => s.verdict === 'error');
  const open = all.filter((f) => !f.known && !f.ambient);
  const ambient = r.ambient ?? [];
  const out = [
    `## oauth-conformance: ${verdictLine(r)}`,
    '',
    `Target **${safeMarkdown(r.target.name)}**, profile \`${r.profile}\`, gate \`--fail-on ${r.gate?.failOn ?? 'must'}\`${r.baseline ? ' against a baseline' : ''}; ${r.scenarios.length} scenarios in ${(r.durationMs / 1000).toFixed(1)} s.`,
    '',
    tableOf([...VERDICTS, 'known deviations', 'stale'], [[...VERDICTS.map((v) => String(r.counts[v])), String(known.length), String(stale.length)]]),
  ];
  if (open.length) out.push('', '### Failures and warnings', '', tableOf(FINDING_HEADER, open.map((f) => (f.unchanged ? [`${f.verdict.toUpperCase()} (unchanged)`, ...findingRow(f).slice(1)] : findingRow(f)))));
  if (ambient.length) {
    out.push('', '### Run-wide rules (each judged once, over every response of its kind)', '', tableOf(['Verdict', 'Rule', 'Level', 'Check', 'Seen', 'First where', 'Why'], ambient.map((a) => {
      const f = all.find((x) => x.ambient?.check === a.check);
      return [a.verdict.toUpperCase(), a.catalog[0] ?? a.check, a.level, a.check, seenSummary(a), f ? `${f.scenario.file}:${f.line}` : '', a.verdict === 'pass' ? '' : a.message];
    })));
  }
  if (errors.length) out.push('', '### Harness errors (the rule was not exercised; not the target\'s failures)', '', tableOf(['Scenario', 'Why', 'Hint'], errors.map((s) => [code(s.id), s.reason ?? '', s.error?.hint ?? ''])));
  if (known.length) out.push('', '### Known deviations (not gated)', '', tableOf(['Scenario', 'Verdict', 'Reason'], known.map((s) => [code(s.id), s.verdict, s.deviation!.reason])));
  if (stale.length) out.push('', '### ⚠️ Stale known deviations', '', 'The target now does better than its profile records: remove these from `known_deviations`.', '', tableOf(['Scenario', 'Recorded', 'Now'], stale.map((s) => [code(s.id), s.deviation!.verdict, s.verdict])));
  if (r.baseline) out.push('', baselineSection(r.baseline));
  return `${out.join('\n')}\n`;
}
