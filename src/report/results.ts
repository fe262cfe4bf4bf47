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
}

export interface RunResults {
  schema: typeof RESULTS_SCHEMA;
  harness: { name: string; version: string };
  target: { name: string; issuer?: string };
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

/** CI exit code: 2 when anything errored (the run is incomplete), 1 when a MUST failed, else 0. */
export function exitCodeOf(r: Pick<RunResults, 'counts'>): 0 | 1 | 2 {
  if (r.counts.error > 0) return 2;
  return r.counts.fail > 0 ? 1 : 0;
}
