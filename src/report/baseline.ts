/**
 * `--baseline <results.json>`: compares this run with an earlier one by scenario id, so a CI gate can
 * fail on regressions only while a target's old failures are being worked off.
 */
import { readFileSync } from 'node:fs';
import { ambientKey, BASELINE_SCHEMAS, failing, RESULTS_SCHEMA, type AmbientRule, type BaselineDiff, type FailOn, type RunResults, type ScenarioRecord } from '../results/results.js';

/** A baseline file that cannot be used: the run must not start (exit 2). */
export class BaselineError extends Error {
  readonly hint = 'pass the results.json of an earlier oauth-conformance run (e.g. the last one on the main branch)';
}

type BaselineRun = Pick<RunResults, 'startedAt'> & { scenarios: Pick<ScenarioRecord, 'id' | 'verdict' | 'deviation'>[]; ambient?: Pick<AmbientRule, 'check' | 'verdict'>[] };

/**
 * Ambient rules as rows of the comparison, keyed `ambient:<check>`. A results@1 baseline has none (its
 * scenarios carried them): a failing ambient rule is new against it.
 */
export function ambientRows(rules: Pick<AmbientRule, 'check' | 'verdict'>[]): Pick<ScenarioRecord, 'id' | 'verdict'>[] {
  return rules.map((a) => ({ id: ambientKey(a.check), verdict: a.verdict }));
}

/** Reads and checks a baseline results.json; every problem is a BaselineError naming the file. */
export function loadBaseline(file: string): BaselineRun {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BaselineError(`baseline ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`baseline ${file}: not JSON (${(err as Error).message})`);
  }
  const r = data as Partial<RunResults> | null;
  if (!r || !BASELINE_SCHEMAS.includes(r.schema as string)) {
    throw new BaselineError(`baseline ${file}: not an oauth-conformance results file (schema is ${JSON.stringify(r?.schema)}, expected "${RESULTS_SCHEMA}" or an earlier one)`);
  }
  const bad = Array.isArray(r.scenarios) ? r.scenarios.findIndex((s) => typeof s?.id !== 'string' || typeof s?.verdict !== 'string') : -2;
  if (bad !== -1) throw new BaselineError(`baseline ${file}: ${bad === -2 ? '"scenarios" is not a list' : `scenario #${bad + 1} has no id or verdict`}`);
  return r as BaselineRun;
}

/** New failures, fixed, unchanged failures and new scenarios of `current` against `base`. */
export function diffBaseline(current: Pick<ScenarioRecord, 'id' | 'verdict' | 'deviation'>[], base: BaselineRun, file: string, failOn: FailOn): BaselineDiff {
  const before = new Map([...base.scenarios, ...ambientRows(base.ambient ?? [])].map((s) => [s.id, failing(s, failOn)]));
  const diff: BaselineDiff = { file, startedAt: base.startedAt, newFailures: [], fixed: [], unchangedFailures: [], newScenarios: [] };
  for (const s of current) {
    const was = before.get(s.id);
    const is = failing(s, failOn);
    if (was === undefined) diff.newScenarios.push(s.id);
    if (is) (was ? diff.unchangedFailures : diff.newFailures).push(s.id);
    else if (was) diff.fixed.push(s.id);
  }
  for (const list of [diff.newFailures, diff.fixed, diff.unchangedFailures, diff.newScenarios]) list.sort();
  return diff;
}
