/**
 * results.json — the data every report is rendered from. Versioned: a consumer checks `schema`.
 * Everything in it has passed through the redactor.
 */
import type { CheckOutcome, Verdict } from '../checks/types.js';
import type { Evidence } from '../evidence/types.js';
import type { Level, Profile } from '../spec/levels.js';

/** Evidence as written: a screenshot becomes the name of its file. */
export type RecordedEvidence = Evidence extends infer E ? (E extends Evidence ? Omit<E, 'screenshot'> & { screenshot?: string } : never) : never;

/**
 * @2: step numbers from 1 (as in every message); ambient rules judged once per run (`ambient`), apart from
 * the scenario verdicts; the positive controls of refusal verdicts (`positiveControls`). A baseline may be @1.
 */
export const RESULTS_SCHEMA = 'oauth-conformance/results@2';
export const BASELINE_SCHEMAS: readonly string[] = ['oauth-conformance/results@1', RESULTS_SCHEMA];

/**
 * A check outcome as written: `step` is the step's number, from 1 (the first step is step 1), as in
 * messages and the HTML report; `stepLines[step - 1]` is its line.
 */
export type RecordedCheck = CheckOutcome;

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
  /** The scenario's own rules: its verdict comes from these alone. */
  checks: RecordedCheck[];
  /**
   * What the ambient rules saw in this scenario's evidence (not part of its verdict): the run judges each
   * ambient rule once, over every scenario (RunResults.ambient).
   */
  ambient?: RecordedCheck[];
  /** The positive control its refusal verdicts rested on (a valid request of the same client that got a code). */
  positiveControl?: PositiveControl;
  /** Evidence with screenshots replaced by attachment names; `step` numbered from 1. */
  evidence: RecordedEvidence[];
  /** `step`: the step's number, from 1. */
  error?: { step?: number; message: string; hint?: string; screenshot?: string };
  /** 1-based line of each step in the scenario file (`stepLines[step - 1]`), to point at the failing one. */
  stepLines: number[];
  durationMs: number;
  /** The Playwright project (target or configuration) it ran under. */ project?: string;
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
  /**
   * The run's projects, one per target or configuration, each with its target and rule profile
   * (scenarios name theirs in `project`). `target` and `profile` above are the first project's.
   */
  projects?: RunProject[];
  startedAt: string;
  durationMs: number;
  counts: Record<Verdict, number>;
  scenarios: ScenarioRecord[];
  /** Each ambient rule judged once over the whole run, with every response it saw (results@2). */
  ambient?: AmbientRule[];
  /** The positive controls refusal verdicts rested on, one per client (and worker that ran one) (results@2). */
  positiveControls?: PositiveControl[];
  /** How the CI gate judged this run (absent in results written before gating options existed: `must`, no baseline). */
  gate?: Gate;
  /** The comparison with `--baseline`, by scenario id. */
  baseline?: BaselineDiff;
}

export interface RunProject {
  name: string;
  target: RunResults['target'];
  profile: Profile;
}

/**
 * A valid authorization request by one client, run before a refusal of that client's requests may
 * count: a refusal proves nothing about a server that refuses everything (src/runner/positive-control.ts).
 */
export interface PositiveControl {
  /** The project (target) it ran against, in a run of several. */
  project?: string;
  client: string;
  /** The request reached the client's registered redirect URI with a code. */
  ok: boolean;
  /** Its code was redeemed for tokens (what a refused token request needs); absent when not tried. */
  tokens?: boolean;
  /** What happened, for people (redacted). */
  outcome: string;
  /** `scenario`: an earlier step of the same scenario was the control; `run`: the run's own control request. */
  source: 'scenario' | 'run';
}

/**
 * One ambient rule over the whole run: the outcome of the worst response it saw (its level, message,
 * expected and actual; the first such), and every response it judged.
 */
export type AmbientRule = Omit<CheckOutcome, 'step' | 'ambient'> & {
  /** Every response it judged: scenario, step (from 1), verdict, and why when it did not pass. */
  seen: { scenario: string; step: number; verdict: Verdict; message?: string }[];
};

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

/** The key an ambient rule has where scenario ids are listed (baseline lists, fingerprints). */
export const ambientKey = (check: string): string => `ambient:${check}`;

/** Whether an ambient rule fails the gate: a fail, or a warn under `--fail-on should`. */
export function ambientFailing(a: Pick<AmbientRule, 'verdict'>, failOn: FailOn = 'must'): boolean {
  return a.verdict === 'fail' || (failOn === 'should' && a.verdict === 'warn');
}

/**
 * Why the run cannot be called conformant whatever its verdicts: no scenario ran, or a positive control
 * failed (its refusals prove nothing). Undefined when neither.
 */
export function vacuity(r: Pick<RunResults, 'scenarios' | 'positiveControls'>): string | undefined {
  if (!r.scenarios.length) return 'no scenario ran';
  const failed = [...new Set((r.positiveControls ?? []).filter((c) => !c.ok).map((c) => `"${c.client}"${c.project ? ` of ${c.project}` : ''}`))];
  if (failed.length) return `the target issued no code to a valid request in this run (client ${failed.join(', ')}), so its refusals prove nothing`;
  return undefined;
}

/**
 * CI exit code: 2 when anything errored, no scenario ran or a positive control failed (the run is
 * incomplete); 1 when a scenario or an ambient rule fails the gate — with a baseline, only a new failure
 * does; else 0. Known deviations are not counted.
 */
export function exitCodeOf(r: Pick<RunResults, 'scenarios' | 'gate' | 'baseline' | 'ambient' | 'positiveControls'>): 0 | 1 | 2 {
  if (vacuity(r) || r.scenarios.some((s) => gated(s) === 'error') || r.ambient?.some((a) => a.verdict === 'error')) return 2;
  if (r.baseline) return r.baseline.newFailures.length ? 1 : 0;
  return r.scenarios.some((s) => failing(s, r.gate?.failOn)) || (r.ambient ?? []).some((a) => ambientFailing(a, r.gate?.failOn)) ? 1 : 0;
}

/**
 * The level the check deciding a scenario's verdict was judged at (a MUST rule breached leniently is
 * judged at SHOULD: "warn … SHOULD", not "warn … MUST"); the scenario's own level when no check decided.
 */
export function decidingLevel(s: Pick<ScenarioRecord, 'verdict' | 'level' | 'checks'>): Level {
  return s.checks.find((c) => c.verdict === s.verdict && s.verdict !== 'pass' && s.verdict !== 'skip')?.level ?? s.level;
}

/** Compares a scenario's verdict with a known deviation of the target. */
export function deviationStatus(verdict: Verdict, expected: Verdict): 'matched' | 'stale' | 'different' {
  if (verdict === expected) return 'matched';
  const rank: Verdict[] = ['pass', 'skip', 'warn', 'error', 'fail'];
  return rank.indexOf(verdict) < rank.indexOf(expected) ? 'stale' : 'different';
}
