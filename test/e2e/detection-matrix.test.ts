/**
 * The detection matrix, as a test: the clean embedded server passes every scenario it supports (or
 * the deviation is a recorded known deviation); each flaw is caught by a scenario guarding the rule it
 * breaks, with no breach outside that rule and no harness error; every scenario is caught by at least
 * one flaw or says why none can be injected (coverage.yaml). The same run regenerates
 * docs/detection-matrix.md with `npm run matrix`.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { FLAWS, type FlawName } from '../../fixtures/servers/embedded/flaws.js';
import { ROOT } from '../../src/runner/env.js';
import { readCoverageFile } from '../../src/scenario/coverage.js';
import { ambientOf, breaches, defaultScenarios, embeddedProfile } from './harness.js';
import { breaksOf, judgeFlaw, runFlaw, type Outcomes } from './matrix.js';

const scenarios = defaultScenarios().filter((s) => !s.scenario.tags?.includes('slow'));
const deviations = embeddedProfile().known_deviations ?? [];
const noFlaw = readCoverageFile(path.join(ROOT, 'coverage.yaml')).no_flaw ?? {};
let clean: Outcomes;
const caughtBy = new Map<string, string[]>();

describe('clean embedded server', () => {
  before(async () => { clean = await runFlaw(undefined, scenarios); });

  test('every scenario passes or skips with a reason, unless it is a recorded known deviation', () => {
    for (const { scenario: s } of scenarios) {
      const o = clean.get(s.id)!;
      const known = deviations.find((d) => d.scenario === s.id && (!d.profile || d.profile === 'rfc9700'));
      if (known) assert.equal(o.verdict, known.verdict, `${s.id}: known deviation expects ${known.verdict}, got ${o.verdict}: ${o.reason}`);
      else assert.ok(o.verdict === 'pass' || o.verdict === 'skip', `${s.id}: ${o.verdict} — ${o.reason}`);
      if (o.verdict === 'skip') assert.ok(o.reason, `${s.id} skipped without a reason`);
      if (!known) assert.deepEqual(breaches(o), [], s.id);
    }
  });

  test('every run-wide (ambient) rule holds', () => {
    const rules = ambientOf(clean);
    assert.ok(rules.length >= 3, `ambient rules judged: ${rules.map((a) => a.check).join(', ')}`);
    assert.deepEqual(rules.filter((a) => a.verdict !== 'pass').map((a) => `${a.check}: ${a.verdict} — ${a.message}`), []);
  });
});

/**
 * Broad flows that run under every flaw to catch collateral damage. The whole matrix (every scenario
 * under every flaw) is `OC_MATRIX=full npm test` or `npm run matrix`; by default each flaw runs its
 * guarding scenarios and these sentinels, which keeps the suite to minutes on two cores.
 */
const SENTINELS = ['code-single-use', 'code-flow-no-tokens-in-urls', 'public-client-pkce-flow', 'state-echoed-on-access-denied', 'redirect-uri-other-host', 'implicit-grant-refused'];

function runSet(flaw: FlawName) {
  if (process.env.OC_MATRIX === 'full') return scenarios;
  const broken = breaksOf(flaw);
  return scenarios.filter(({ scenario: s, facts }) => SENTINELS.includes(s.id) || facts.catalog.some((id) => broken.has(id)));
}

for (const flaw of Object.keys(FLAWS) as FlawName[]) {
  const elsewhere = FLAWS[flaw].target && `means something only under fixtures/targets/${FLAWS[flaw].target}.yaml: its negative control is test/e2e/embedded-configs.test.ts`;
  test(`flaw ${flaw} (${FLAWS[flaw].breaks.join(', ')}) is caught by its guards and only by them`, { skip: elsewhere }, async () => {
    const set = runSet(flaw);
    const row = judgeFlaw(flaw, set, clean, await runFlaw(flaw, set));
    for (const id of row.guarded) caughtBy.set(id, [...(caughtBy.get(id) ?? []), flaw]);
    assert.deepEqual(row.problems, []);
  });
}

test('every scenario is caught by a flaw breaking one of its own rules, or coverage.yaml says why none can be injected', { skip: process.env.OC_MATRIX !== 'full' && 'needs the full matrix (OC_MATRIX=full); by default each flaw runs only its guards' }, () => {
  const uncaught = scenarios.map((s) => s.scenario.id).filter((id) => !caughtBy.has(id) && !noFlaw[id]);
  assert.deepEqual(uncaught, []);
  const stale = Object.keys(noFlaw).filter((id) => caughtBy.has(id)).map((id) => `${id} is caught by ${caughtBy.get(id)!.join(', ')}`);
  assert.deepEqual(stale, [], 'coverage.yaml no_flaw entries for scenarios a flaw now catches');
});
