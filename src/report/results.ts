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

/** CI exit code: 2 when anything errored (the run is incomplete), 1 when a MUST failed, else 0. Known deviations are not counted. */
export function exitCodeOf(r: Pick<RunResults, 'scenarios'>): 0 | 1 | 2 {
  const v = r.scenarios.map(gated);
  if (v.includes('error')) return 2;
  return v.includes('fail') ? 1 : 0;
}

/** Compares a scenario's verdict with a known deviation of the target. */
export function deviationStatus(verdict: Verdict, expected: Verdict): 'matched' | 'stale' | 'different' {
  if (verdict === expected) return 'matched';
  const rank: Verdict[] = ['pass', 'skip', 'warn', 'error', 'fail'];
  return rank.indexOf(verdict) < rank.indexOf(expected) ? 'stale' : 'different';
}
