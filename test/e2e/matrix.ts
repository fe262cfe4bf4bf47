/**
 * The detection matrix: every flaw of the embedded server against every scenario, compared with the
 * clean server. A flaw declares the catalog rules it breaks (`breaks`); a sound harness shows new
 * breaches exactly where a check guarding one of those rules judged, and nowhere else. Ambient rules
 * are judged once per run (not in scenario verdicts): a flaw breaking one is caught when that rule's
 * run-wide finding fails, reported as `ambient:<check>`.
 */
import { FLAWS, type FlawName } from '../../fixtures/servers/embedded/flaws.js';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import type { ScenarioOutcome } from '../../src/runner/execute.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import type { Profile } from '../../src/spec/levels.js';
import { ambientKey } from '../../src/results/results.js';
import { ambientOf, breaches, startRig } from './harness.js';

export type Outcomes = Map<string, ScenarioOutcome>;

export function breaksOf(flaw: FlawName): Set<string> {
  return new Set(FLAWS[flaw].breaks);
}

export async function runFlaw(flaw: FlawName | undefined, scenarios: LoadedScenario[], profile: Profile = 'rfc9700'): Promise<Outcomes> {
  const rig = await startRig({ flaws: flaw ? [flaw] : [] });
  try {
    // Flows wait on the browser and the server more than on the CPU: 4 at a time suits 2 cores.
    return await rig.run(scenarios, profile, Number(process.env.OC_MATRIX_CONCURRENCY ?? 4));
  } finally {
    await rig.close();
  }
}

export interface FlawVerdict {
  flaw: FlawName;
  /** Scenarios with new breaches under the flaw, and run-wide rules (`ambient:<check>`) newly broken. */
  caught: string[];
  /** Of those, the scenarios guarding a rule the flaw breaks (their own catalog rows name it): the ones that prove a check can fail. */
  guarded: string[];
  /** Everything unsound about this flaw's row: no guarding scenario caught it, collateral breaches, harness errors. */
  problems: string[];
}

/** Judges one row of the matrix against the clean run. */
export function judgeFlaw(flaw: FlawName, scenarios: LoadedScenario[], clean: Outcomes, flawed: Outcomes): FlawVerdict {
  const broken = breaksOf(flaw);
  const guards = (check: string) => (CHECKS_BY_ID.get(check.split(':')[0])?.catalog ?? []).some((id) => broken.has(id));
  const caught: string[] = [];
  const problems: string[] = [];
  for (const { scenario: s } of scenarios) {
    const before = clean.get(s.id);
    const after = flawed.get(s.id);
    if (!before || !after) continue;
    if (after.verdict === 'error' && before.verdict !== 'error') { problems.push(`${s.id}: harness error under the flaw: ${after.reason}`); continue; }
    const fresh = breaches(after).filter((b) => !breaches(before).includes(b));
    if (fresh.length) caught.push(s.id);
    const collateral = fresh.filter((b) => !guards(b));
    if (collateral.length) problems.push(`${s.id}: breaches outside ${[...broken].join(', ')}: ${collateral.join(', ')}`);
    // A check that can no longer judge (skip) is not a wrong verdict, nor is one that now can and finds
    // the rule holding (skip → pass: the flaw made a premise available, e.g. plain PKCE allowed lets a
    // challenge without method get a code); anything else changing silently is.
    const premiseOpened = before.verdict === 'skip' && after.verdict === 'pass';
    if (!fresh.length && after.verdict !== before.verdict && after.verdict !== 'skip' && !premiseOpened) problems.push(`${s.id}: verdict ${before.verdict} → ${after.verdict} without a breach`);
  }
  // Run-wide rules: one finding each, new under the flaw; it guards the flaw when its check covers a broken row.
  const wasBroken = new Set(ambientOf(clean).filter((a) => a.verdict === 'fail' || a.verdict === 'warn').map((a) => a.check));
  const ambientCaught: string[] = [];
  for (const a of ambientOf(flawed)) {
    if ((a.verdict !== 'fail' && a.verdict !== 'warn') || wasBroken.has(a.check)) continue;
    caught.push(ambientKey(a.check));
    if (guards(a.check)) ambientCaught.push(ambientKey(a.check));
    else problems.push(`run-wide rule ${a.check} broke outside ${[...broken].join(', ')}: ${a.message}`);
  }
  const guarded = [...caught.filter((id) => scenarios.find((x) => x.scenario.id === id)?.facts.catalog.some((c) => broken.has(c))), ...ambientCaught];
  if (!guarded.length) problems.push(`no scenario guarding ${[...broken].join(', ')} caught the flaw`);
  return { flaw, caught, guarded, problems };
}
