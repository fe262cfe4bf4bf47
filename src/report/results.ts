/**
 * results.json — the data every report is rendered from. Versioned: a consumer checks `schema`.
 * Everything in it has passed through the redactor.
 */
import type { CheckOutcome, Verdict } from '../checks/types.js';
import type { Evidence } from '../evidence/types.js';
import type { Level, Profile } from '../spec/levels.js';

/** Evidence as written: a screenshot becomes the name of its file. */
export type RecordedEvidence = Evidence extends infer E ? (E extends Evidence ? Omit<E, 'screenshot'> & { screenshot?: string } : never) : never;

export const RESULTS_SCHEMA = 'oauth-conformance/results@1';

export interface ScenarioRecord {
  id: string;
  title: string;
  file: string;
  catalog: string[];
  requirements: string[];
  level: Level;
  tags: string[];
  verdict: Verdict;
  reason?: string;
  checks: CheckOutcome[];
  /** Evidence with screenshots replaced by attachment names. */
  evidence: RecordedEvidence[];
  error?: { step?: number; message: string; hint?: string; screenshot?: string };
  /** 1-based line of each step in the scenario file, to point at the failing one. */
  stepLines: number[];
  durationMs: number;
  /**
   * The browser it ran in: `shared`, the worker's logged-in one (its flows may skip the login page), or
   * `fresh`, a context no other scenario touched (src/runner/scenario-browser.ts). Absent: no browser step.
   */
  browser?: 'shared' | 'fresh';
  /** A known deviation of the target that matched this scenario: `matched` (as expected, not gated) or `stale` (it now does better). */
  deviation?: { verdict: Verdict; reason: string; status: 'matched' | 'stale' | 'different' };
}

export interface RunResults {
  schema: typeof RESULTS_SCHEMA;
  harness: { name: string; version: string };
  target: { name: string; issuer?: string; /** Declared features the metadata contradicts or adds. */ notes?: string[] };
  profile: Profile;
  startedAt: string;
  durationMs: number;
  counts: Record<Verdict, number>;
  scenarios: ScenarioRecord[];
  /** How the CI gate judged this run (absent in results written before gating options existed: `must`, no baseline). */
  gate?: Gate;
  /** The comparison with `--baseline`, by scenario id. */
  baseline?: BaselineDiff;
}

/** `must`: a MUST failure fails the gate; `should`: a SHOULD warning does too. */
export const FAIL_ON = ['must', 'should'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface Gate { failOn: FailOn }

/** Scenario ids, each list sorted. A failure is a gated fail (or warn under `--fail-on should`). */
export interface BaselineDiff {
  /** The baseline file as given on the command line, and when its run started. */
  file: string;
  startedAt: string;
  /** Failing now, not failing in the baseline (or not in it at all): the regressions that fail the gate. */
  newFailures: string[];
  /** Failing in the baseline, not failing now. */
  fixed: string[];
  /** Failing in both. */
  unchangedFailures: string[];
  /** Not in the baseline, whatever their verdict. */
  newScenarios: string[];
}

export const VERDICTS: Verdict[] = ['pass', 'fail', 'warn', 'skip', 'error'];

export function countVerdicts(scenarios: { verdict: Verdict }[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const s of scenarios) counts[s.verdict]++;
  return counts;
}

/** Verdicts that count for the CI gate: a matched known deviation does not. */
export function gated(s: Pick<ScenarioRecord, 'verdict' | 'deviation'>): Verdict {
  return s.deviation?.status === 'matched' ? 'pass' : s.verdict;
}

/** Whether a scenario fails the gate: a gated fail, or a gated warn under `--fail-on should`. */
export function failing(s: Pick<ScenarioRecord, 'verdict' | 'deviation'>, failOn: FailOn = 'must'): boolean {
  const v = gated(s);
  return v === 'fail' || (failOn === 'should' && v === 'warn');
}

/**
 * CI exit code: 2 when anything errored (the run is incomplete); 1 when a scenario fails the gate —
 * with a baseline, only a new failure does; else 0. Known deviations are not counted.
 */
export function exitCodeOf(r: Pick<RunResults, 'scenarios' | 'gate' | 'baseline'>): 0 | 1 | 2 {
  if (r.scenarios.some((s) => gated(s) === 'error')) return 2;
  if (r.baseline) return r.baseline.newFailures.length ? 1 : 0;
  return r.scenarios.some((s) => failing(s, r.gate?.failOn)) ? 1 : 0;
}

/** Compares a scenario's verdict with a known deviation of the target. */
export function deviationStatus(verdict: Verdict, expected: Verdict): 'matched' | 'stale' | 'different' {
  if (verdict === expected) return 'matched';
  const rank: Verdict[] = ['pass', 'skip', 'warn', 'error', 'fail'];
  return rank.indexOf(verdict) < rank.indexOf(expected) ? 'stale' : 'different';
}
