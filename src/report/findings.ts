/**
 * What the machine formats (JUnit, SARIF, Markdown, GitHub annotations) report, derived once from
 * results.json: each failed or warned check with its rule, scenario file and the line of its step,
 * each broken ambient rule once (located at the first response that broke it), and the catalog section
 * a scenario belongs to.
 */
import type { CheckOutcome } from '../checks/types.js';
import { CATALOG } from '../spec/catalog.js';
import { requirementLabel } from '../spec/links.js';
import { breaking, seenSummary } from './ambient.js';
import { ambientFailing, ambientKey, failing, type AmbientRule, type RunResults, type ScenarioRecord } from '../results/results.js';

export interface Finding {
  scenario: ScenarioRecord;
  /** The check that broke; absent when only the scenario's verdict says so. */
  check?: CheckOutcome;
  /** Catalog id (TK-01), else the check id. */
  rule: string;
  level: CheckOutcome['level'];
  verdict: 'fail' | 'warn';
  message: string;
  /** 1-based line of the step in the scenario file. */
  line: number;
  /** A known deviation of the target that matched: reported, not gated. */
  known: boolean;
  /** With a baseline: failing there too (not a regression). */
  unchanged: boolean;
  /** Fails the CI gate (`--fail-on`, known deviations and the baseline considered). */
  gating: boolean;
  /**
   * A broken ambient rule, judged once over the run: `scenario`, `check` and `line` are the first
   * response that broke it; the rule lists every other.
   */
  ambient?: AmbientRule;
}

/** 1-based line of a step (numbered from 1, as results.json numbers them) of a scenario, or 1 when unknown. */
export function stepLine(s: Pick<ScenarioRecord, 'stepLines'>, step: number | undefined): number {
  return (step !== undefined ? s.stepLines[step - 1] : undefined) ?? s.stepLines[0] ?? 1;
}

/** The catalog id a broken check is reported under: the scenario's own where the check covers it (RU-15 rather than the check's first, RU-01). */
function ruleOf(s: ScenarioRecord, c: CheckOutcome): string {
  return s.catalog.find((id) => c.catalog.includes(id)) ?? c.catalog[0] ?? s.catalog[0] ?? c.check;
}

/** Every failed or warned check of the run, in scenario order; a fail/warn scenario without one gives one finding. */
export function findings(r: RunResults): Finding[] {
  const unchanged = new Set(r.baseline?.unchangedFailures ?? []);
  const out: Finding[] = [];
  for (const s of r.scenarios) {
    if (s.verdict !== 'fail' && s.verdict !== 'warn') continue;
    const known = s.deviation?.status === 'matched';
    const gating = failing(s, r.gate?.failOn) && !unchanged.has(s.id);
    const base = { scenario: s, known, unchanged: unchanged.has(s.id) };
    const broken = s.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'warn');
    for (const c of broken) {
      const verdict = c.verdict as 'fail' | 'warn';
      out.push({ ...base, check: c, rule: ruleOf(s, c), level: c.level, verdict, message: c.message, line: stepLine(s, c.step), gating: gating && (verdict === 'fail' || r.gate?.failOn === 'should') });
    }
    if (!broken.length) out.push({ ...base, rule: s.catalog[0] ?? s.id, level: s.level, verdict: s.verdict, message: s.reason ?? s.verdict, line: stepLine(s, undefined), gating });
  }
  return [...out, ...ambientFindings(r)];
}

/** One finding per ambient rule that failed or warned, wherever it broke. */
export function ambientFindings(r: RunResults): Finding[] {
  const unchanged = new Set(r.baseline?.unchangedFailures ?? []);
  const out: Finding[] = [];
  for (const rule of r.ambient ?? []) {
    if (rule.verdict !== 'fail' && rule.verdict !== 'warn') continue;
    const first = breaking(rule)[0];
    const s = r.scenarios.find((x) => x.id === first?.scenario);
    if (!s) continue;
    const check = s.ambient?.find((c) => c.check === rule.check && c.step === first.step);
    const was = unchanged.has(ambientKey(rule.check));
    out.push({
      scenario: s, check, rule: rule.catalog[0] ?? rule.check, level: rule.level, verdict: rule.verdict, message: `${rule.message} (run-wide: ${seenSummary(rule)})`,
      line: stepLine(s, first.step), known: false, unchanged: was, gating: ambientFailing(rule, r.gate?.failOn) && !was, ambient: rule,
    });
  }
  return out;
}

/** The catalog section of a scenario ("B.1.4 Redirect URI validation …"), else its specification ("RFC 6749"). */
export function sectionOf(s: Pick<ScenarioRecord, 'catalog' | 'requirements'>): string {
  const section = CATALOG.find((c) => c.rows.some((row) => row.id === s.catalog[0]));
  if (section) return `${section.id} ${section.title}`;
  return s.requirements[0] ? requirementLabel(s.requirements[0]).split(' §')[0] : 'other';
}

/** The catalog row's rule text of an id, if it is one. */
export function catalogRule(id: string): string | undefined {
  for (const c of CATALOG) for (const row of c.rows) if (row.id === id) return row.rule;
  return undefined;
}

/** Scenarios whose known deviation no longer matches because the target now does better. */
export function staleDeviations(r: RunResults): ScenarioRecord[] {
  return r.scenarios.filter((s) => s.deviation?.status === 'stale');
}

/** A finding's location for people: `file:line`. */
export const where = (f: Pick<Finding, 'scenario' | 'line'>): string => `${f.scenario.file}:${f.line}`;

/** "RFC 6749 §4.1.2" of the check's (else the scenario's) first requirement. */
export function sectionLabel(f: Pick<Finding, 'check' | 'scenario'>): string {
  const id = f.check?.requirements[0]?.id ?? f.scenario.requirements[0];
  return id ? requirementLabel(id) : '';
}
